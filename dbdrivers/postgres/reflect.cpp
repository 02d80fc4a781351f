// PostgreSQL reflection: a fixed number of prepared catalog queries (reflect_queries.cpp),
// whatever the table count. Rows are grouped by oid in C++, so nothing recurses over
// foreign keys. On a kept connection, tables whose catalog rows did not change since the
// last reflection are taken from its memory (reflect_memory.hpp).
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "dbdrivers/postgres/driver.hpp"
#include "dbdrivers/postgres/reading_connection.hpp"
#include "dbdrivers/postgres/reflect_memory.hpp"
#include "dbdrivers/postgres/reflect_queries.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

// Runs the catalog queries as prepared statements, counting each statement sent.
// Preparing is per connection: libpqxx keeps each connection's statements and sends
// one to the server on its first use there, so a connection kept across reflections
// (ReuseConnections) parses and plans them once, and a fresh one (reuse off, or opened
// again after the server closed the old) prepares them anew. prepare() with the same
// text again is a no-op, so it is simply called every time.
class Reader {
 public:
  Reader(pqxx::connection& connection, pqxx::transaction_base& tx, ReflectStats& stats)
      : tx_(tx), stats_(stats), version_(connection.server_version()) {
    for (const auto& query : catalog_queries(version_)) connection.prepare(query.name, query.sql);
    // Generic plans from the first call: left to choose, the server planned every call
    // afresh (a "custom" plan for the schemas given looks cheaper than the generic one),
    // and planning is what preparing was to save. LOCAL: only this transaction; other
    // reads on the kept connection plan as before.
    if (version_ >= 120000) plain("SET LOCAL plan_cache_mode = force_generic_plan");
  }
  pqxx::result operator()(CatalogQuery query) {
    ++stats_.queries;
    return tx_.exec_prepared(catalog_query(query, version_).name);
  }
  pqxx::result operator()(CatalogQuery query, const std::string& parameter) {
    ++stats_.queries;
    return tx_.exec_prepared(catalog_query(query, version_).name, parameter);
  }
  pqxx::result operator()(CatalogQuery query, const std::string& first, const std::string& second) {
    ++stats_.queries;
    return tx_.exec_prepared(catalog_query(query, version_).name, first, second);
  }
  pqxx::result plain(const std::string& sql) {
    ++stats_.queries;
    return tx_.exec(sql);
  }

 private:
  pqxx::transaction_base& tx_;
  ReflectStats& stats_;
  int version_;
};

std::string text(const pqxx::field& f) { return f.is_null() ? std::string{} : f.as<std::string>(); }
std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

// An int2[] such as pg_constraint.conkey, "{3,1}" as text; NULL is empty.
std::vector<int> int_array(const pqxx::field& f) {
  std::vector<int> out;
  if (f.is_null()) return out;
  const std::string s = f.as<std::string>();
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
      std::size_t used = 0;
      out.push_back(std::stoi(s.substr(i), &used));
      i += used;
    } else {
      ++i;
    }
  }
  return out;
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

// A PK, unique or foreign key read before its column names are known.
struct KeyedConstraint {
  std::size_t table;     // in schema.tables
  char type;             // contype
  std::size_t position;  // in Table::uniques / foreign_keys
  Oid rel;
  std::vector<int> columns;  // attnums of rel
  Oid referred_rel;
  std::vector<int> referred_columns;
};

// The schema being built, and what later queries need to find their place in it.
struct Catalog {
  explicit Catalog(const ReflectOptions& reflect_options) : options(reflect_options) {}

  const ReflectOptions& options;
  model::Schema schema;
  std::map<Oid, std::size_t> table_index;  // pg_class oid -> position in schema.tables
  // Every column name by table oid and attnum: the tables read (excluded ones too, a
  // foreign key may refer to them) and those referred_columns added.
  std::map<Oid, std::map<int, std::string>> column_names;
  std::vector<KeyedConstraint> keyed;
  std::string alembic_version_table;  // quoted, when the schemas hold one
  std::vector<Oid> listed;  // every table the tables query returned, excluded ones too
  // The tables the per-table queries read (as $2), or nullopt: all of them. The others
  // come from the last reflection's memory.
  std::optional<std::set<Oid>> reading;
  std::map<Oid, std::vector<Oid>> indexes_of;  // table -> its indexes read
  std::map<Oid, std::vector<Oid>> referred_by;  // table -> tables its foreign keys refer to

  model::Table* table_of(Oid oid) {
    auto it = table_index.find(oid);
    return it == table_index.end() ? nullptr : &schema.tables[it->second];
  }
  bool excluded(const std::string& name) const {
    return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), name) !=
           options.exclude_tables.end();
  }
  std::string schema_of(const std::string& nsp) const {
    return nsp == options.default_schema ? std::string{} : nsp;
  }
  // A per-table query: every table of `schemas`, or only those being read.
  pqxx::result read_tables_of(Reader& read, CatalogQuery all, CatalogQuery listed_only,
                              const std::string& schemas) const {
    if (!reading) return read(all, schemas);
    if (reading->empty()) return pqxx::result{};  // every table as remembered
    const std::vector<std::string> oids = [&] {
      std::vector<std::string> out;
      for (Oid oid : *reading) out.push_back(std::to_string(oid));
      return out;
    }();
    return read(listed_only, schemas, array_literal(oids));
  }
};

void read_tables(Reader& read, const std::string& schemas, pqxx::transaction_base& tx,
                 Catalog& cat) {
  for (const auto& row : read(CatalogQuery::tables, schemas)) {
    cat.listed.push_back(row[0].as<Oid>());
    const std::string name = row[2].as<std::string>();
    if (name == cat.options.version_table && cat.alembic_version_table.empty()) {
      cat.alembic_version_table =
          tx.quote_name(row[1].as<std::string>()) + "." + tx.quote_name(cat.options.version_table);
    }
    if (cat.excluded(name)) continue;
    model::Table table;
    table.schema = cat.schema_of(row[1].as<std::string>());
    table.name = name;
    table.comment = optional_text(row[3]);
    cat.table_index[row[0].as<Oid>()] = cat.schema.tables.size();
    cat.schema.tables.push_back(std::move(table));
  }
}

void read_columns(Reader& read, const std::string& schemas, Catalog& cat) {
  for (const auto& row :
       cat.read_tables_of(read, CatalogQuery::columns, CatalogQuery::listed_columns, schemas)) {
    const Oid rel = row[0].as<Oid>();
    cat.column_names[rel][row[1].as<int>()] = row[2].as<std::string>();
    model::Table* table = cat.table_of(rel);
    if (!table) continue;
    model::Column column;
    column.name = row[2].as<std::string>();
    column.type = row[3].as<std::string>();
    column.nullable = !row[4].as<bool>();
    const std::string identity = text(row[6]);
    const std::string generated = text(row[7]);
    if (!generated.empty()) {
      column.generated = optional_text(row[5]);
    } else {
      column.server_default = optional_text(row[5]);
    }
    if (identity == "a") column.identity = "always";
    if (identity == "d") column.identity = "by default";
    column.autoincrement = !identity.empty() || (column.server_default &&
                                                 column.server_default->rfind("nextval(", 0) == 0);
    column.collation = optional_text(row[8]);
    column.comment = optional_text(row[9]);
    table->columns.push_back(std::move(column));
  }
}

// Constraints without their column names, which resolve_constraint_columns adds.
void read_constraints(Reader& read, const std::string& schemas, Catalog& cat) {
  for (const auto& row : cat.read_tables_of(read, CatalogQuery::constraints,
                                            CatalogQuery::listed_constraints, schemas)) {
    const Oid rel = row[0].as<Oid>();
    model::Table* table = cat.table_of(rel);
    if (!table) continue;
    const std::string name = row[1].as<std::string>();
    const char type = row[2].as<std::string>()[0];
    std::size_t position = 0;
    if (type == 'p') {
      table->primary_key = model::PrimaryKey{name, {}};
    } else if (type == 'u') {
      position = table->uniques.size();
      table->uniques.push_back({name, {}, row[10].as<bool>()});
    } else if (type == 'c') {
      table->checks.push_back({name, check_expression(row[3].as<std::string>())});
      continue;
    } else {
      cat.referred_by[rel].push_back(row[12].as<Oid>());
      model::ForeignKey fk;
      fk.name = name;
      fk.referred_schema = cat.schema_of(text(row[4]));
      fk.referred_table = text(row[5]);
      fk.on_delete = fk_action(text(row[6]));
      fk.on_update = fk_action(text(row[7]));
      fk.deferrable = row[8].as<bool>();
      fk.initially_deferred = row[9].as<bool>();
      position = table->foreign_keys.size();
      table->foreign_keys.push_back(std::move(fk));
    }
    cat.keyed.push_back({cat.table_index[rel], type, position, rel, int_array(row[11]),
                         row[12].is_null() ? 0 : row[12].as<Oid>(), int_array(row[13])});
  }
}

// A foreign key may refer to a table the columns query did not read: in another
// schema, or a partition (a key referring to a partitioned table has one per
// partition). Their names come from one more query, only when there are any.
void read_referred_columns(Reader& read, Catalog& cat) {
  std::vector<std::string> missing;
  for (const auto& key : cat.keyed) {
    const std::string rel = std::to_string(key.referred_rel);
    if (key.type == 'f' && !cat.column_names.count(key.referred_rel) &&
        std::find(missing.begin(), missing.end(), rel) == missing.end())
      missing.push_back(rel);
  }
  if (missing.empty()) return;
  for (const auto& row : read(CatalogQuery::referred_columns, array_literal(missing)))
    cat.column_names[row[0].as<Oid>()][row[1].as<int>()] = row[2].as<std::string>();
}

void name_columns(const Catalog& cat, Oid rel, const std::vector<int>& attnums,
                  std::vector<std::string>& names) {
  auto table = cat.column_names.find(rel);
  for (int attnum : attnums) {
    // Unknown only if the table changed between two queries (each sees the catalogs as
    // they are when it starts): leave the column out, as the per-column join did.
    if (table == cat.column_names.end()) continue;
    auto column = table->second.find(attnum);
    if (column != table->second.end()) names.push_back(column->second);
  }
}

void resolve_constraint_columns(Catalog& cat) {
  for (const auto& key : cat.keyed) {
    model::Table& table = cat.schema.tables[key.table];
    switch (key.type) {
      case 'p':
        name_columns(cat, key.rel, key.columns, table.primary_key->columns);
        break;
      case 'u':
        name_columns(cat, key.rel, key.columns, table.uniques[key.position].columns);
        break;
      case 'f': {
        model::ForeignKey& fk = table.foreign_keys[key.position];
        name_columns(cat, key.rel, key.columns, fk.columns);
        name_columns(cat, key.referred_rel, key.referred_columns, fk.referred_columns);
        break;
      }
    }
  }
}

void read_indexes(Reader& read, const std::string& schemas, Catalog& cat) {
  Oid current = 0;
  model::Index* index = nullptr;
  for (const auto& row :
       cat.read_tables_of(read, CatalogQuery::indexes, CatalogQuery::listed_indexes, schemas)) {
    const Oid rel = row[1].as<Oid>();
    model::Table* table = cat.table_of(rel);
    if (!table) continue;
    const Oid oid = row[0].as<Oid>();
    if (!index || oid != current) {  // the index's first column row
      model::Index fresh;
      fresh.name = row[2].as<std::string>();
      fresh.unique = row[3].as<bool>();
      fresh.method = row[4].as<std::string>();
      fresh.predicate = optional_text(row[5]);
      fresh.nulls_not_distinct = row[6].as<bool>();
      table->indexes.push_back(std::move(fresh));
      cat.indexes_of[rel].push_back(oid);
      index = &table->indexes.back();
      current = oid;
    }
    if (row[7].is_null()) continue;  // no columns at all
    std::string element = unquote_identifier(row[8].as<std::string>());
    if (row[9].as<bool>()) {
      index->include.push_back(std::move(element));
    } else {
      index->elements.push_back(element + key_ordering(row[10].is_null() ? 0 : row[10].as<int>()));
    }
  }
}

void read_enums(Reader& read, const std::string& schemas, Catalog& cat) {
  for (const auto& row : read(CatalogQuery::enums, schemas)) {
    const std::string schema = cat.schema_of(row[0].as<std::string>());
    const std::string name = row[1].as<std::string>();
    auto& enums = cat.schema.enums;
    if (enums.empty() || enums.back().name != name || enums.back().schema != schema)
      enums.push_back({schema, name, {}});
    enums.back().labels.push_back(row[2].as<std::string>());
  }
}

void read_sequences(Reader& read, const std::string& schemas, Catalog& cat) {
  for (const auto& row : read(CatalogQuery::sequences, schemas)) {
    model::Sequence sequence;
    sequence.schema = cat.schema_of(row[0].as<std::string>());
    sequence.name = row[1].as<std::string>();
    sequence.data_type = row[2].as<std::string>();
    sequence.start = row[3].as<long long>();
    sequence.increment = row[4].as<long long>();
    sequence.owned_by = text(row[5]);
    cat.schema.sequences.push_back(std::move(sequence));
  }
}

CatalogVersions read_catalog_versions(Reader& read) {
  CatalogVersions out;
  for (const auto& row : read(CatalogQuery::catalog_versions)) {
    out.versions[{row[0].as<std::string>()[0], row[1].as<Oid>()}] = {row[2].as<long long>(),
                                                                     row[3].as<long long>()};
  }
  return out;
}

std::string options_text(const ReflectOptions& options) {
  std::string out = options.default_schema + '\x1f' + options.version_table;
  for (const auto& name : options.schemas) out += '\x1e' + name;
  out += '\x1f';
  for (const auto& name : options.exclude_tables) out += '\x1e' + name;
  return out;
}

// Decides which tables to read again and puts the others, as remembered, in place.
void recall_unchanged_tables(const ReflectMemory* memory, const CatalogVersions& versions,
                             Catalog& cat) {
  cat.reading = tables_to_read(memory, options_text(cat.options), versions, cat.listed);
  if (!cat.reading) return;
  // Most changed: one read of everything costs less than the filter.
  if (cat.reading->size() * 2 > cat.listed.size()) {
    cat.reading.reset();
    return;
  }
  for (Oid oid : cat.listed) {
    if (cat.reading->count(oid)) continue;
    const RememberedTable& remembered = memory->tables.at(oid);
    auto names = memory->column_names.find(oid);
    if (names != memory->column_names.end()) cat.column_names[oid] = names->second;
    cat.indexes_of[oid] = remembered.indexes;
    cat.referred_by[oid] = remembered.referred;
    model::Table* table = cat.table_of(oid);
    if (!table) continue;
    const model::Table& before = remembered.table;
    table->columns = before.columns;
    table->primary_key = before.primary_key;
    table->uniques = before.uniques;
    table->checks = before.checks;
    table->foreign_keys = before.foreign_keys;
    table->indexes = before.indexes;
  }
}

std::shared_ptr<const ReflectMemory> memory_of(const Catalog& cat, CatalogVersions versions) {
  auto memory = std::make_shared<ReflectMemory>();
  memory->options = options_text(cat.options);
  memory->versions = std::move(versions);
  for (Oid oid : cat.listed) {
    RememberedTable& remembered = memory->tables[oid];
    auto at = cat.table_index.find(oid);
    remembered.reported = at != cat.table_index.end();
    if (remembered.reported) remembered.table = cat.schema.tables[at->second];
    if (auto it = cat.indexes_of.find(oid); it != cat.indexes_of.end())
      remembered.indexes = it->second;
    if (auto it = cat.referred_by.find(oid); it != cat.referred_by.end())
      remembered.referred = it->second;
    if (auto it = cat.column_names.find(oid); it != cat.column_names.end())
      memory->column_names[oid] = it->second;
  }
  return memory;
}

void read_alembic_revisions(Reader& read, const Catalog& cat, ReflectStats& stats) {
  if (cat.alembic_version_table.empty()) return;
  stats.has_alembic_version = true;
  for (const auto& row : read.plain("SELECT version_num FROM " + cat.alembic_version_table))
    stats.alembic_revisions.push_back(row[0].as<std::string>());
  std::sort(stats.alembic_revisions.begin(), stats.alembic_revisions.end());
}

}  // namespace

model::Schema PostgresDriver::reflect(const DatabaseUrl& url, const ReflectOptions& options,
                                      ReflectStats& stats) const {
  model::Schema schema;
  // Read before and kept after the read: the kept connection is locked during it.
  const bool kept = reading_connection_kept(url);
  const std::shared_ptr<const ReflectMemory> memory = kept ? reflect_memory(url) : nullptr;
  std::shared_ptr<const ReflectMemory> next_memory;
  try {
    // On a connection whose session is read-only: even a statement we did not write
    // cannot write.
    with_reading_connection(url, [&](pqxx::connection& connection) {
      stats = ReflectStats{};
      stats.server_version = version_text(connection.server_version());
      // One snapshot for every query: the versions and the tables read describe one
      // moment.
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx{connection};
      Reader read{connection, tx, stats};
      const std::string schemas =
          array_literal(options.schemas.empty() ? std::vector<std::string>{options.default_schema}
                                                : options.schemas);

      Catalog cat{options};
      const CatalogVersions versions = kept ? read_catalog_versions(read) : CatalogVersions{};
      read_tables(read, schemas, tx, cat);
      if (kept) recall_unchanged_tables(memory.get(), versions, cat);
      read_columns(read, schemas, cat);
      read_constraints(read, schemas, cat);
      read_referred_columns(read, cat);
      resolve_constraint_columns(cat);
      read_indexes(read, schemas, cat);
      read_enums(read, schemas, cat);
      read_sequences(read, schemas, cat);
      read_alembic_revisions(read, cat, stats);
      tx.commit();
      stats.tables_read = static_cast<int>(cat.reading ? cat.reading->size() : cat.listed.size());
      if (kept) next_memory = memory_of(cat, versions);
      schema = std::move(cat.schema);
    });
    if (next_memory) keep_reflect_memory(url, std::move(next_memory));
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
