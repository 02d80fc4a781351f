// SQLite reflection: one query per kind, joining sqlite_schema with the pragma
// table-valued functions; what the pragmas lack is read from the stored CREATE SQL.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>

#include "dbdrivers/sqlite/driver.hpp"
#include "dbdrivers/sqlite/reflect_create_sql.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::sqlite {
namespace {

const char* const user_tables =
    " FROM sqlite_schema m {join} WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE "
    "'\\' ";

std::string tables_joined(const std::string& join) {
  std::string s = user_tables;
  s.replace(s.find("{join}"), 6, join);
  return s;
}

std::string column_text(const SQLite::Column& c) {
  return c.isNull() ? std::string{} : c.getString();
}

std::string fk_action(const std::string& action) {
  return action == "NO ACTION" ? std::string{} : action;
}

}  // namespace

model::Schema SqliteDriver::reflect(const DatabaseUrl& url, const ReflectOptions& options,
                                    ReflectStats& stats) const {
  try {
    SQLite::Database db(url.database, SQLite::OPEN_READONLY);
    stats.server_version = SQLite::getLibVersion();
    auto query = [&](const std::string& sql) {
      ++stats.queries;
      return std::make_unique<SQLite::Statement>(db, sql);
    };
    query("PRAGMA query_only = 1")->executeStep();

    model::Schema schema;
    std::map<std::string, std::size_t> table_index;
    std::map<std::string, CreateTableParts> parts;
    auto excluded = [&](const std::string& name) {
      return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), name) !=
             options.exclude_tables.end();
    };

    for (auto s = query("SELECT m.name, m.sql" + tables_joined("") + "ORDER BY m.name");
         s->executeStep();) {
      const std::string name = s->getColumn(0).getString();
      if (name == options.version_table) stats.has_alembic_version = true;
      if (excluded(name)) continue;
      table_index[name] = schema.tables.size();
      ++stats.tables_read;
      model::Table table;
      table.name = name;
      schema.tables.push_back(std::move(table));
      parts[name] = parse_create_table(column_text(s->getColumn(1)));
    }
    auto table_of = [&](const std::string& name) -> model::Table* {
      auto it = table_index.find(name);
      return it == table_index.end() ? nullptr : &schema.tables[it->second];
    };

    std::map<std::string, std::vector<std::pair<int, std::string>>> pk_columns;
    for (auto s =
             query("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden" +
                   tables_joined("JOIN pragma_table_xinfo(m.name) p") + "ORDER BY m.name, p.cid");
         s->executeStep();) {
      const std::string table_name = s->getColumn(0).getString();
      model::Table* table = table_of(table_name);
      if (!table) continue;
      model::Column column;
      column.name = s->getColumn(1).getString();
      column.type = s->getColumn(2).getString();
      column.nullable = s->getColumn(3).getInt() == 0;
      if (!s->getColumn(4).isNull()) column.server_default = s->getColumn(4).getString();
      const int pk = s->getColumn(5).getInt();
      if (pk > 0) pk_columns[table_name].emplace_back(pk, column.name);
      const auto& collations = parts[table_name].collations;
      if (auto it = collations.find(column.name); it != collations.end())
        column.collation = it->second;
      const int hidden = s->getColumn(6).getInt();
      if (hidden == 2 || hidden == 3) {
        const auto& generated = parts[table_name].generated;
        auto it = generated.find(column.name);
        column.generated = it == generated.end() ? std::string{} : it->second;
      }
      table->columns.push_back(std::move(column));
    }
    for (auto& [table_name, columns] : pk_columns) {
      model::Table& table = *table_of(table_name);
      std::sort(columns.begin(), columns.end());
      model::PrimaryKey pk;
      const auto& parsed = parts[table_name].primary_key;
      if (parsed) pk.name = parsed->name;
      for (const auto& [position, name] : columns) pk.columns.push_back(name);
      // INTEGER PRIMARY KEY is the rowid: SQLite fills it in.
      if (pk.columns.size() == 1) {
        for (auto& column : table.columns) {
          std::string type = column.type;
          std::transform(type.begin(), type.end(), type.begin(), ::toupper);
          if (column.name == pk.columns[0] && type == "INTEGER") column.autoincrement = true;
        }
      }
      table.primary_key = std::move(pk);
    }
    for (auto& [table_name, parsed] : parts) {
      model::Table& table = *table_of(table_name);
      for (const auto& check : parsed.checks)
        table.checks.push_back({check.name, check.expression});
    }

    for (auto s = query(
             "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete" +
             tables_joined("JOIN pragma_foreign_key_list(m.name) f") +
             "ORDER BY m.name, f.id, f.seq");
         s->executeStep();) {
      const std::string table_name = s->getColumn(0).getString();
      model::Table* table = table_of(table_name);
      if (!table) continue;
      const int id = s->getColumn(1).getInt();
      // pragma ids count from 0 per table; a new id starts a new key.
      if (table->foreign_keys.empty() ||
          table->foreign_keys.back().name != "#" + std::to_string(id)) {
        model::ForeignKey fk;
        fk.name = "#" + std::to_string(id);
        fk.referred_table = s->getColumn(2).getString();
        fk.on_update = fk_action(s->getColumn(5).getString());
        fk.on_delete = fk_action(s->getColumn(6).getString());
        table->foreign_keys.push_back(std::move(fk));
      }
      table->foreign_keys.back().columns.push_back(s->getColumn(3).getString());
      table->foreign_keys.back().referred_columns.push_back(column_text(s->getColumn(4)));
    }
    for (auto& [table_name, parsed] : parts) {
      model::Table& table = *table_of(table_name);
      for (auto& fk : table.foreign_keys) {
        fk.name.clear();
        for (const auto& named : parsed.foreign_keys) {
          if (named.columns == fk.columns) {
            fk.name = named.name;
            fk.deferrable = named.deferrable;
            fk.initially_deferred = named.initially_deferred;
          }
        }
      }
    }

    struct IndexInfo {
      std::string origin;
      std::vector<std::pair<int, std::string>> columns;  // seqno, name ("" = expression)
      std::vector<bool> descending;                      // per column, in seqno order
      bool unique = false;
      bool partial = false;
      std::string sql;
    };
    std::map<std::pair<std::string, std::string>, IndexInfo> indexes;
    for (auto s = query(
             "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, x.sql" +
             tables_joined("JOIN pragma_index_list(m.name) il "
                           "LEFT JOIN sqlite_schema x ON x.type = 'index' AND x.name = il.name"));
         s->executeStep();) {
      IndexInfo& info = indexes[{s->getColumn(0).getString(), s->getColumn(1).getString()}];
      info.unique = s->getColumn(2).getInt() != 0;
      info.origin = s->getColumn(3).getString();
      info.partial = s->getColumn(4).getInt() != 0;
      info.sql = column_text(s->getColumn(5));
    }
    for (auto s = query("SELECT m.name, il.name, ii.seqno, ii.name, ii.\"desc\"" +
                        tables_joined("JOIN pragma_index_list(m.name) il "
                                      "JOIN pragma_index_xinfo(il.name) ii") +
                        "AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno");
         s->executeStep();) {
      auto it = indexes.find({s->getColumn(0).getString(), s->getColumn(1).getString()});
      if (it == indexes.end()) continue;
      it->second.columns.emplace_back(s->getColumn(2).getInt(), column_text(s->getColumn(3)));
      it->second.descending.push_back(s->getColumn(4).getInt() != 0);
    }
    for (auto& [key, info] : indexes) {
      model::Table* table = table_of(key.first);
      if (!table || info.origin == "pk") continue;
      std::vector<std::string> columns;
      for (const auto& [seqno, name] : info.columns) columns.push_back(name);
      if (info.origin == "u") {
        model::UniqueConstraint unique{"", columns, false};
        for (const auto& named : parts[key.first].uniques)
          if (named.columns == columns) unique.name = named.name;
        table->uniques.push_back(std::move(unique));
        continue;
      }
      model::Index index;
      index.name = key.second;
      index.unique = info.unique;
      const auto parsed = parse_create_index(info.sql);
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const bool expression = columns[i].empty();
        index.elements.push_back(
            (expression && i < parsed.elements.size() ? parsed.elements[i] : columns[i]) +
            (info.descending[i] ? " DESC" : ""));
      }
      if (info.partial) index.predicate = parsed.where;
      table->indexes.push_back(std::move(index));
    }

    if (stats.has_alembic_version) {
      std::string quoted = "\"";
      for (char c : options.version_table)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      for (auto s = query("SELECT version_num FROM " + quoted + "\""); s->executeStep();)
        stats.alembic_revisions.push_back(s->getColumn(0).getString());
      std::sort(stats.alembic_revisions.begin(), stats.alembic_revisions.end());
    }
    return schema;
  } catch (const SQLite::Exception& e) {
    throw model::EnvironmentError("cannot read the schema of " + url.display() + ": " + e.what(),
                                  "check that the SQLite file exists and is readable");
  }
}

}  // namespace migsafe::dbdrivers::sqlite
