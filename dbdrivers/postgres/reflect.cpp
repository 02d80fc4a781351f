// PostgreSQL reflection: one query per object kind over the catalogs, whatever the
// table count. Rows are grouped by oid in C++, so nothing recurses over foreign keys.
#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "dbdrivers/postgres/driver.hpp"
#include "dbdrivers/postgres/reading_connection.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

using Oid = long long;

class Reader {
 public:
  Reader(pqxx::transaction_base& tx, ReflectStats& stats) : tx_(tx), stats_(stats) {}
  pqxx::result operator()(const std::string& sql) {
    ++stats_.queries;
    return tx_.exec(sql);
  }

 private:
  pqxx::transaction_base& tx_;
  ReflectStats& stats_;
};

std::string text(const pqxx::field& f) { return f.is_null() ? std::string{} : f.as<std::string>(); }
std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::string fk_action(const std::string& code) {
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  if (code == "r") return "RESTRICT";
  return "";  // 'a' = NO ACTION, the default
}

// pg_get_indexdef quotes names that need it; the models spell them bare.
std::string unquote_identifier(const std::string& name) {
  if (name.size() < 2 || name.front() != '"' || name.back() != '"') return name;
  std::string out;
  for (std::size_t i = 1; i + 1 < name.size(); ++i) {
    out += name[i];
    if (name[i] == '"' && name[i + 1] == '"') ++i;
  }
  return out;
}

// pg_index.indoption bits of one key column, as CREATE INDEX spells them: "" for the
// default (ASC, and NULLS LAST), " DESC" (NULLS FIRST is DESC's default), ...
std::string key_ordering(int option) {
  const bool desc = (option & 1) != 0;
  const bool nulls_first = (option & 2) != 0;
  std::string out = desc ? " DESC" : "";
  if (nulls_first != desc) out += nulls_first ? " NULLS FIRST" : " NULLS LAST";
  return out;
}

// "CHECK ((a > 0)) NOT VALID" -> "(a > 0)": the diff compares expressions, not DDL.
std::string check_expression(std::string definition) {
  if (definition.rfind("CHECK ", 0) == 0) definition.erase(0, 6);
  const std::string not_valid = " NOT VALID";
  if (definition.size() > not_valid.size() &&
      definition.compare(definition.size() - not_valid.size(), not_valid.size(), not_valid) == 0)
    definition.resize(definition.size() - not_valid.size());
  if (definition.size() >= 2 && definition.front() == '(' && definition.back() == ')')
    definition = definition.substr(1, definition.size() - 2);
  return definition;
}

std::string version_text(int num) {
  return std::to_string(num / 10000) + "." + std::to_string(num % 10000);
}

struct Catalog {
  model::Schema schema;
  std::map<Oid, std::size_t> table_index;  // pg_class oid -> position in schema.tables
  struct Slot {
    std::size_t table;
    char type;             // contype
    std::size_t position;  // in Table::uniques / foreign_keys
  };
  std::map<Oid, Slot> constraints;
  std::map<Oid, std::pair<std::size_t, std::size_t>> index_owner;  // index oid -> table, position
};

}  // namespace

model::Schema PostgresDriver::reflect(const DatabaseUrl& url, const ReflectOptions& options,
                                      ReflectStats& stats) const {
  model::Schema schema;
  try {
    // On a connection whose session is read-only: even a statement we did not write
    // cannot write.
    with_reading_connection(url, [&](pqxx::connection& connection) {
      stats = ReflectStats{};
      const int version = connection.server_version();
      stats.server_version = version_text(version);
      pqxx::read_transaction tx{connection};
      Reader query{tx, stats};

      std::string schemas;
      for (const auto& name : options.schemas)
        schemas += (schemas.empty() ? "" : ",") + tx.quote(name);
      if (schemas.empty()) schemas = tx.quote(options.default_schema);
      const std::string table_filter =
          " c.relkind IN ('r','p') AND NOT c.relispartition AND n.nspname IN (" + schemas + ") ";
      const std::string in_table =
          " JOIN pg_class c ON c.oid = {rel} JOIN pg_namespace n ON n.oid = c.relnamespace ";
      auto join_table = [&](const std::string& rel) {
        std::string s = in_table;
        s.replace(s.find("{rel}"), 5, rel);
        return s;
      };
      const bool has_nulls_not_distinct = version >= 150000;

      Catalog cat;
      auto excluded = [&](const std::string& name) {
        return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), name) !=
               options.exclude_tables.end();
      };
      auto schema_of = [&](const std::string& nsp) {
        return nsp == options.default_schema ? std::string{} : nsp;
      };

      std::string alembic_version_table;
      for (const auto& row :
           query("SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class') "
                 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE" +
                 table_filter + "ORDER BY n.nspname, c.relname")) {
        const std::string name = row[2].as<std::string>();
        if (name == options.version_table && alembic_version_table.empty()) {
          alembic_version_table =
              tx.quote_name(row[1].as<std::string>()) + "." + tx.quote_name(options.version_table);
        }
        if (excluded(name)) continue;
        model::Table table;
        table.schema = schema_of(row[1].as<std::string>());
        table.name = name;
        table.comment = optional_text(row[3]);
        cat.table_index[row[0].as<Oid>()] = cat.schema.tables.size();
        cat.schema.tables.push_back(std::move(table));
      }
      auto table_of = [&](Oid oid) -> model::Table* {
        auto it = cat.table_index.find(oid);
        return it == cat.table_index.end() ? nullptr : &cat.schema.tables[it->second];
      };

      for (const auto& row : query(
               "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
               "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
               "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
               "col_description(a.attrelid, a.attnum) "
               "FROM pg_attribute a" +
               join_table("a.attrelid") +
               "JOIN pg_type t ON t.oid = a.atttypid "
               "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
               "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
               "WHERE" +
               table_filter +
               "AND a.attnum > 0 AND NOT a.attisdropped "
               "ORDER BY a.attrelid, a.attnum")) {
        model::Table* table = table_of(row[0].as<Oid>());
        if (!table) continue;
        model::Column column;
        column.name = row[1].as<std::string>();
        column.type = row[2].as<std::string>();
        column.nullable = !row[3].as<bool>();
        const std::string identity = text(row[5]);
        const std::string generated = text(row[6]);
        if (!generated.empty()) {
          column.generated = optional_text(row[4]);
        } else {
          column.server_default = optional_text(row[4]);
        }
        if (identity == "a") column.identity = "always";
        if (identity == "d") column.identity = "by default";
        column.autoincrement =
            !identity.empty() ||
            (column.server_default && column.server_default->rfind("nextval(", 0) == 0);
        column.collation = optional_text(row[7]);
        column.comment = optional_text(row[8]);
        table->columns.push_back(std::move(column));
      }

      const std::string nnd_constraint =
          has_nulls_not_distinct ? "COALESCE(ci.indnullsnotdistinct, false)" : "false";
      for (const auto& row :
           query("SELECT con.oid, con.conrelid, con.conname, con.contype, "
                 "pg_get_constraintdef(con.oid, true), "
                 "fn.nspname, fc.relname, con.confdeltype, con.confupdtype, con.condeferrable, "
                 "con.condeferred, " +
                 nnd_constraint + " FROM pg_constraint con" + join_table("con.conrelid") +
                 "LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
                 "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
                 "LEFT JOIN pg_index ci ON ci.indexrelid = con.conindid AND con.contype = 'u' "
                 "WHERE" +
                 table_filter +
                 "AND con.contype IN ('p','u','c','f') "
                 "ORDER BY con.conrelid, con.conname")) {
        const Oid rel = row[1].as<Oid>();
        model::Table* table = table_of(rel);
        if (!table) continue;
        const std::string name = row[2].as<std::string>();
        const char type = row[3].as<std::string>()[0];
        const std::size_t owner = cat.table_index[rel];
        std::size_t position = 0;
        if (type == 'p') {
          table->primary_key = model::PrimaryKey{name, {}};
        } else if (type == 'u') {
          position = table->uniques.size();
          table->uniques.push_back({name, {}, row[11].as<bool>()});
        } else if (type == 'c') {
          table->checks.push_back({name, check_expression(row[4].as<std::string>())});
          continue;
        } else {
          model::ForeignKey fk;
          fk.name = name;
          fk.referred_schema = schema_of(text(row[5]));
          fk.referred_table = text(row[6]);
          fk.on_delete = fk_action(text(row[7]));
          fk.on_update = fk_action(text(row[8]));
          fk.deferrable = row[9].as<bool>();
          fk.initially_deferred = row[10].as<bool>();
          position = table->foreign_keys.size();
          table->foreign_keys.push_back(std::move(fk));
        }
        cat.constraints[row[0].as<Oid>()] = {owner, type, position};
      }

      for (const auto& row :
           query("SELECT con.oid, k.side, k.ord, a.attname FROM pg_constraint con" +
                 join_table("con.conrelid") +
                 "CROSS JOIN LATERAL (SELECT 'l' AS side, u.attnum, u.ord, con.conrelid AS rel "
                 "FROM unnest(con.conkey) WITH ORDINALITY u(attnum, ord) "
                 "UNION ALL SELECT 'r', u.attnum, u.ord, con.confrelid "
                 "FROM unnest(con.confkey) WITH ORDINALITY u(attnum, ord)) k "
                 "JOIN pg_attribute a ON a.attrelid = k.rel AND a.attnum = k.attnum "
                 "WHERE" +
                 table_filter +
                 "AND con.contype IN ('p','u','f') "
                 "ORDER BY con.oid, k.side, k.ord")) {
        const Oid oid = row[0].as<Oid>();
        auto slot = cat.constraints.find(oid);
        if (slot == cat.constraints.end()) continue;
        model::Table& table = cat.schema.tables[slot->second.table];
        const std::size_t position = slot->second.position;
        const bool referred = row[1].as<std::string>() == "r";
        std::string column = row[3].as<std::string>();
        switch (slot->second.type) {
          case 'p':
            table.primary_key->columns.push_back(std::move(column));
            break;
          case 'u':
            table.uniques[position].columns.push_back(std::move(column));
            break;
          case 'f':
            (referred ? table.foreign_keys[position].referred_columns
                      : table.foreign_keys[position].columns)
                .push_back(std::move(column));
            break;
        }
      }

      // Indexes that back a PK/unique/exclusion constraint are that constraint's business.
      const std::string nnd_index = has_nulls_not_distinct ? "i.indnullsnotdistinct" : "false";
      const std::string own_index =
          " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid "
          "AND con.conrelid = i.indrelid AND con.contype IN ('p','u','x')) ";
      for (const auto& row :
           query("SELECT i.indexrelid, i.indrelid, ic.relname, i.indisunique, am.amname, "
                 "pg_get_expr(i.indpred, i.indrelid, true), " +
                 nnd_index + " FROM pg_index i" + join_table("i.indrelid") +
                 "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
                 "WHERE" +
                 table_filter + own_index + "ORDER BY i.indrelid, ic.relname")) {
        const Oid rel = row[1].as<Oid>();
        model::Table* table = table_of(rel);
        if (!table) continue;
        model::Index index;
        index.name = row[2].as<std::string>();
        index.unique = row[3].as<bool>();
        index.method = row[4].as<std::string>();
        index.predicate = optional_text(row[5]);
        index.nulls_not_distinct = row[6].as<bool>();
        cat.index_owner[row[0].as<Oid>()] = {cat.table_index[rel], table->indexes.size()};
        table->indexes.push_back(std::move(index));
      }

      for (const auto& row :
           query("SELECT i.indexrelid, k.n, pg_get_indexdef(i.indexrelid, k.n, true), "
                 "k.n > i.indnkeyatts, i.indoption[k.n - 1] FROM pg_index i" +
                 join_table("i.indrelid") +
                 "CROSS JOIN LATERAL generate_series(1, i.indnatts::int) k(n) "
                 "WHERE" +
                 table_filter + own_index + "ORDER BY i.indexrelid, k.n")) {
        auto owner = cat.index_owner.find(row[0].as<Oid>());
        if (owner == cat.index_owner.end()) continue;
        model::Index& index = cat.schema.tables[owner->second.first].indexes[owner->second.second];
        std::string element = unquote_identifier(row[2].as<std::string>());
        if (row[3].as<bool>()) {
          index.include.push_back(std::move(element));
        } else {
          index.elements.push_back(element + key_ordering(row[4].is_null() ? 0 : row[4].as<int>()));
        }
      }

      for (const auto& row : query("SELECT n.nspname, t.typname, e.enumlabel FROM pg_type t "
                                   "JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e "
                                   "ON e.enumtypid = t.oid "
                                   "WHERE n.nspname IN (" +
                                   schemas + ") ORDER BY n.nspname, t.typname, e.enumsortorder")) {
        const std::string schema = schema_of(row[0].as<std::string>());
        const std::string name = row[1].as<std::string>();
        auto& enums = cat.schema.enums;
        if (enums.empty() || enums.back().name != name || enums.back().schema != schema)
          enums.push_back({schema, name, {}});
        enums.back().labels.push_back(row[2].as<std::string>());
      }

      for (const auto& row :
           query("SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, "
                 "s.seqincrement, "
                 "(SELECT dc.relname || '.' || a.attname FROM pg_depend d "
                 "JOIN pg_class dc ON dc.oid = d.refobjid "
                 "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                 "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
                 "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a','i') LIMIT 1) "
                 "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname IN (" +
                 schemas + ") ORDER BY n.nspname, c.relname")) {
        model::Sequence sequence;
        sequence.schema = schema_of(row[0].as<std::string>());
        sequence.name = row[1].as<std::string>();
        sequence.data_type = row[2].as<std::string>();
        sequence.start = row[3].as<long long>();
        sequence.increment = row[4].as<long long>();
        sequence.owned_by = text(row[5]);
        cat.schema.sequences.push_back(std::move(sequence));
      }

      if (!alembic_version_table.empty()) {
        stats.has_alembic_version = true;
        for (const auto& row : query("SELECT version_num FROM " + alembic_version_table))
          stats.alembic_revisions.push_back(row[0].as<std::string>());
        std::sort(stats.alembic_revisions.begin(), stats.alembic_revisions.end());
      }
      tx.commit();
      schema = std::move(cat.schema);
    });
    return schema;
  } catch (const pqxx::broken_connection& e) {
    throw model::EnvironmentError(
        "cannot connect to " + url.display() + ": " + mask_passwords(e.what()),
        "check that the server is running and the URL is right");
  } catch (const pqxx::sql_error& e) {
    throw model::EnvironmentError(
        "cannot read the schema of " + url.display() + ": " + mask_passwords(e.what()),
        "the user needs read access to the PostgreSQL catalogs");
  } catch (const pqxx::failure& e) {
    throw model::EnvironmentError("cannot read the schema of " + url.display() + ": " +
                                  mask_passwords(e.what()));
  }
}

}  // namespace migsafe::dbdrivers::postgres
