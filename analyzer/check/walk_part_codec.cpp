#include "analyzer/check/walk_part_codec.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/alembic/json_integer.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::check {
namespace {

using alembic::json_integer;
using nlohmann::json;
using SharedSchema = std::shared_ptr<const model::Schema>;

json optional_text(const std::optional<std::string>& text) { return text ? json(*text) : json(); }

std::optional<std::string> read_optional_text(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

json column_json(const model::Column& c) {
  return json::array({c.name,          c.type,         c.nullable,       optional_text(c.server_default),
          optional_text(c.identity),       optional_text(c.generated),
          optional_text(c.collation),      optional_text(c.comment),
          c.autoincrement, c.client_default, c.python_type});
}

model::Column read_column(const json& j) {
  model::Column c;
  c.name = j.at(0).get<std::string>();
  c.type = j.at(1).get<std::string>();
  c.nullable = j.at(2).get<bool>();
  c.server_default = read_optional_text(j.at(3));
  c.identity = read_optional_text(j.at(4));
  c.generated = read_optional_text(j.at(5));
  c.collation = read_optional_text(j.at(6));
  c.comment = read_optional_text(j.at(7));
  c.autoincrement = j.at(8).get<bool>();
  c.client_default = j.at(9).get<bool>();
  c.python_type = j.at(10).get<std::string>();
  return c;
}

json table_json(const model::Table& t) {
  json columns = json::array();
  for (const auto& c : t.columns) columns.push_back(column_json(c));
  json primary_key;
  if (t.primary_key) primary_key = json::array({t.primary_key->name, t.primary_key->columns});
  json uniques = json::array();
  for (const auto& u : t.uniques) uniques.push_back(json::array({u.name, u.columns, u.nulls_not_distinct}));
  json checks = json::array();
  for (const auto& c : t.checks) checks.push_back(json::array({c.name, c.expression}));
  json foreign_keys = json::array();
  for (const auto& f : t.foreign_keys) {
    foreign_keys.push_back(json::array({f.name, f.columns, f.referred_schema, f.referred_table,
                                        f.referred_columns, f.on_delete, f.on_update,
                                        f.deferrable, f.initially_deferred}));
  }
  json indexes = json::array();
  for (const auto& i : t.indexes) {
    indexes.push_back(json::array({i.name, i.unique, i.method, i.elements, i.include,
                                   optional_text(i.predicate), i.nulls_not_distinct}));
  }
  return json::array({t.schema, t.name, columns, primary_key, uniques, checks, foreign_keys,
                      indexes, optional_text(t.comment)});
}

model::Table read_table(const json& j) {
  model::Table t;
  t.schema = j.at(0).get<std::string>();
  t.name = j.at(1).get<std::string>();
  for (const auto& c : j.at(2)) t.columns.push_back(read_column(c));
  if (!j.at(3).is_null()) {
    t.primary_key = model::PrimaryKey{j.at(3).at(0).get<std::string>(),
                                      j.at(3).at(1).get<std::vector<std::string>>()};
  }
  for (const auto& u : j.at(4)) {
    t.uniques.push_back({u.at(0).get<std::string>(), u.at(1).get<std::vector<std::string>>(),
                         u.at(2).get<bool>()});
  }
  for (const auto& c : j.at(5)) t.checks.push_back({c.at(0).get<std::string>(), c.at(1).get<std::string>()});
  for (const auto& f : j.at(6)) {
    model::ForeignKey fk;
    fk.name = f.at(0).get<std::string>();
    fk.columns = f.at(1).get<std::vector<std::string>>();
    fk.referred_schema = f.at(2).get<std::string>();
    fk.referred_table = f.at(3).get<std::string>();
    fk.referred_columns = f.at(4).get<std::vector<std::string>>();
    fk.on_delete = f.at(5).get<std::string>();
    fk.on_update = f.at(6).get<std::string>();
    fk.deferrable = f.at(7).get<bool>();
    fk.initially_deferred = f.at(8).get<bool>();
    t.foreign_keys.push_back(std::move(fk));
  }
  for (const auto& i : j.at(7)) {
    model::Index index;
    index.name = i.at(0).get<std::string>();
    index.unique = i.at(1).get<bool>();
    index.method = i.at(2).get<std::string>();
    index.elements = i.at(3).get<std::vector<std::string>>();
    index.include = i.at(4).get<std::vector<std::string>>();
    index.predicate = read_optional_text(i.at(5));
    index.nulls_not_distinct = i.at(6).get<bool>();
    t.indexes.push_back(std::move(index));
  }
  t.comment = read_optional_text(j.at(8));
  return t;
}

json error_json(const std::optional<alembic::MigrationError>& e) {
  if (!e) return nullptr;
  return json::array(
      {e->what(), e->revision, e->file, e->line, e->statement, e->database_error, e->column});
}

std::optional<alembic::MigrationError> read_error(const json& j) {
  if (j.is_null()) return std::nullopt;
  return alembic::MigrationError(j.at(0).get<std::string>(), j.at(1).get<std::string>(),
                                 j.at(2).get<std::string>(), json_integer<int>(j.at(3)),
                                 j.at(4).get<std::string>(), j.at(5).get<std::string>(),
                                 json_integer<int>(j.at(6)));
}

// Schemas and their tables, each written once however many outcomes share them.
class SchemaWriter {
 public:
  // The schema's number in "schemas", -1 for none.
  int add(const SharedSchema& schema) {
    if (!schema) return -1;
    auto known = numbers_.find(schema.get());
    if (known != numbers_.end()) return known->second;
    json tables = json::array();
    for (const auto& table : schema->tables) tables.push_back(table_number(table));
    json enums = json::array();
    for (const auto& e : schema->enums) enums.push_back(json::array({e.schema, e.name, e.labels}));
    json sequences = json::array();
    for (const auto& s : schema->sequences) {
      sequences.push_back(
          json::array({s.schema, s.name, s.data_type, s.start, s.increment, s.owned_by}));
    }
    schemas_.push_back(json::array({tables, enums, sequences}));
    return numbers_[schema.get()] = static_cast<int>(schemas_.size() - 1);
  }

  json tables() { return std::move(tables_); }
  json schemas() { return std::move(schemas_); }

 private:
  int table_number(const model::Table& table) {
    const json written = table_json(table);
    auto [it, added] = table_numbers_.emplace(written.dump(), static_cast<int>(tables_.size()));
    if (added) tables_.push_back(written);
    return it->second;
  }

  std::map<const model::Schema*, int> numbers_;
  std::map<std::string, int> table_numbers_;
  json tables_ = json::array();
  json schemas_ = json::array();
};

std::vector<SharedSchema> read_schemas(const json& doc) {
  std::vector<model::Table> tables;
  for (const auto& t : doc.at("tables")) tables.push_back(read_table(t));
  std::vector<SharedSchema> schemas;
  for (const auto& s : doc.at("schemas")) {
    auto schema = std::make_shared<model::Schema>();
    for (const auto& number : s.at(0)) {
      // A negative number wraps to one past every table: at() throws.
      schema->tables.push_back(tables.at(static_cast<std::size_t>(json_integer<int>(number))));
    }
    for (const auto& e : s.at(1)) {
      schema->enums.push_back({e.at(0).get<std::string>(), e.at(1).get<std::string>(),
                               e.at(2).get<std::vector<std::string>>()});
    }
    for (const auto& q : s.at(2)) {
      schema->sequences.push_back({q.at(0).get<std::string>(), q.at(1).get<std::string>(),
                                   q.at(2).get<std::string>(), json_integer<long long>(q.at(3)),
                                   json_integer<long long>(q.at(4)), q.at(5).get<std::string>()});
    }
    schemas.push_back(std::move(schema));
  }
  return schemas;
}

}  // namespace

std::string encode_walk_part(const WalkPart& part) {
  SchemaWriter schemas;
  json outcomes = json::array();
  for (std::size_t i = 0; i < part.outcomes.size(); ++i) {
    const RevisionOutcome& o = part.outcomes[i];
    const SharedSchema after_downgrade =
        i < part.after_downgrade.size() ? part.after_downgrade[i] : nullptr;
    outcomes.push_back(json::array({o.revision->id, o.not_walked, o.replay_checked, error_json(o.replay_error),
                        error_json(o.downgrade_error), o.downgrade_checked,
                        schemas.add(o.schema_before), schemas.add(o.schema_after),
                        schemas.add(after_downgrade)}));
  }
  const int at_heads = schemas.add(part.at_heads);
  json doc{{"outcomes", std::move(outcomes)}, {"at_heads", at_heads}};
  doc["tables"] = schemas.tables();
  doc["schemas"] = schemas.schemas();
  return doc.dump();
}

WalkPart decode_walk_part(const std::string& text, const std::vector<alembic::Revision>& revisions) {
  try {
    const json doc = json::parse(text);
    const std::vector<SharedSchema> schemas = read_schemas(doc);
    const auto schema = [&](const json& number) -> SharedSchema {
      const int n = json_integer<int>(number);
      return n < 0 ? nullptr : schemas.at(static_cast<std::size_t>(n));
    };
    std::map<std::string, const alembic::Revision*> by_id;
    for (const auto& revision : revisions) by_id[revision.id] = &revision;
    WalkPart part;
    for (const auto& o : doc.at("outcomes")) {
      RevisionOutcome outcome;
      const auto revision = by_id.find(o.at(0).get<std::string>());
      if (revision == by_id.end()) {
        throw model::Error("the second walk process names revision " + o.at(0).get<std::string>() +
                           ", which this process does not know");
      }
      outcome.revision = revision->second;
      outcome.not_walked = o.at(1).get<std::string>();
      outcome.replay_checked = o.at(2).get<bool>();
      outcome.replay_error = read_error(o.at(3));
      outcome.downgrade_error = read_error(o.at(4));
      outcome.downgrade_checked = o.at(5).get<bool>();
      outcome.schema_before = schema(o.at(6));
      outcome.schema_after = schema(o.at(7));
      part.after_downgrade.push_back(schema(o.at(8)));
      part.outcomes.push_back(std::move(outcome));
    }
    part.at_heads = schema(doc.at("at_heads"));
    return part;
  } catch (const model::Error&) {
    throw;
  } catch (const std::exception& e) {  // json's errors, and a number naming no table or schema
    throw model::Error(std::string("the second walk process wrote unexpected data: ") + e.what());
  }
}

}  // namespace migsafe::analyzer::check
