#include "analyzer/alembic/model_schema.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzer/alembic/json_integer.hpp"
#include "model/dialect.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::alembic {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string{} : it->get<std::string>();
}

std::optional<std::string> opt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<std::string> strings(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->get<std::vector<std::string>>();
}

bool flag(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

model::Table parse_table(const json& t) {
  model::Table table;
  table.schema = str(t, "schema");
  table.name = str(t, "name");
  table.comment = opt(t, "comment");
  for (const auto& c : t.at("columns")) {
    model::Column column;
    column.name = str(c, "name");
    column.type = str(c, "type");
    column.python_type = str(c, "python_type");
    column.nullable = flag(c, "nullable");
    column.server_default = opt(c, "server_default");
    column.identity = opt(c, "identity");
    column.generated = opt(c, "generated");
    column.collation = opt(c, "collation");
    column.comment = opt(c, "comment");
    column.autoincrement = flag(c, "autoincrement");
    column.client_default = flag(c, "client_default");
    table.columns.push_back(std::move(column));
  }
  if (t.contains("primary_key") && !t.at("primary_key").is_null())
    table.primary_key = model::PrimaryKey{str(t.at("primary_key"), "name"), strings(t.at("primary_key"), "columns")};
  for (const auto& u : t.at("uniques"))
    table.uniques.push_back({str(u, "name"), strings(u, "columns"), flag(u, "nulls_not_distinct")});
  for (const auto& c : t.at("checks")) table.checks.push_back({str(c, "name"), str(c, "expression")});
  for (const auto& f : t.at("foreign_keys")) {
    model::ForeignKey fk;
    fk.name = str(f, "name");
    fk.columns = strings(f, "columns");
    fk.referred_schema = str(f, "referred_schema");
    fk.referred_table = str(f, "referred_table");
    fk.referred_columns = strings(f, "referred_columns");
    fk.on_delete = str(f, "on_delete");
    fk.on_update = str(f, "on_update");
    fk.deferrable = flag(f, "deferrable");
    fk.initially_deferred = flag(f, "initially_deferred");
    table.foreign_keys.push_back(std::move(fk));
  }
  for (const auto& i : t.at("indexes")) {
    model::Index index;
    index.name = str(i, "name");
    index.unique = flag(i, "unique");
    index.method = str(i, "method");
    index.elements = strings(i, "elements");
    index.include = strings(i, "include");
    index.predicate = opt(i, "predicate");
    index.nulls_not_distinct = flag(i, "nulls_not_distinct");
    table.indexes.push_back(std::move(index));
  }
  return table;
}

std::string qualified(const model::Table& t) { return t.schema.empty() ? t.name : t.schema + "." + t.name; }

// Removes what the project's include_name/include_object hooks exclude.
void filter_database(const json& excluded, model::Schema& database) {
  auto set_of = [&](const char* key) {
    std::set<std::string> out;
    if (excluded.contains(key))
      for (const auto& name : excluded.at(key)) out.insert(name.get<std::string>());
    return out;
  };
  const auto tables = set_of("tables");
  const auto columns = set_of("columns");
  const auto indexes = set_of("indexes");
  const auto uniques = set_of("unique_constraints");
  const auto fks = set_of("foreign_keys");
  auto& all = database.tables;
  all.erase(std::remove_if(all.begin(), all.end(), [&](const model::Table& t) { return tables.count(qualified(t)); }),
            all.end());
  for (auto& table : all) {
    const std::string prefix = qualified(table) + ".";
    auto drop = [&](auto& items, const std::set<std::string>& names) {
      items.erase(std::remove_if(items.begin(), items.end(),
                                 [&](const auto& item) { return names.count(prefix + item.name) > 0; }),
                  items.end());
    };
    drop(table.columns, columns);
    drop(table.indexes, indexes);
    drop(table.uniques, uniques);
    drop(table.foreign_keys, fks);
  }
}

json reflected_names(const model::Schema& database) {
  json tables = json::array();
  for (const auto& table : database.tables) {
    json t{{"schema", table.schema}, {"name", table.name}};
    auto names = [](const auto& items) {
      json out = json::array();
      for (const auto& item : items)
        if (!item.name.empty()) out.push_back(item.name);
      return out;
    };
    t["columns"] = names(table.columns);
    t["indexes"] = names(table.indexes);
    t["unique_constraints"] = names(table.uniques);
    t["foreign_keys"] = names(table.foreign_keys);
    tables.push_back(std::move(t));
  }
  return json{{"tables", std::move(tables)}};
}

}  // namespace

model::Schema parse_model_json(const std::string& text, model::Schema* database) {
  try {
    const json doc = json::parse(text);
    model::Schema schema;
    for (const auto& t : doc.at("tables")) schema.tables.push_back(parse_table(t));
    for (const auto& e : doc.at("enums")) schema.enums.push_back({str(e, "schema"), str(e, "name"), strings(e, "labels")});
    for (const auto& s : doc.at("sequences")) {
      model::Sequence sequence;
      sequence.schema = str(s, "schema");
      sequence.name = str(s, "name");
      sequence.data_type = str(s, "data_type");
      sequence.start = json_integer<long long>(s.at("start"));
      sequence.increment = json_integer<long long>(s.at("increment"));
      schema.sequences.push_back(std::move(sequence));
    }
    if (database && doc.contains("excluded")) filter_database(doc.at("excluded"), *database);
    return schema;
  } catch (const json::exception& e) {
    throw model::InputError(std::string("the model export returned unexpected data: ") + e.what(),
                            "this is a migsafe bug; please report it with the project's models");
  }
}

model::Schema export_model_schema(const Project& project, const std::string& metadata_spec,
                                  dbdrivers::Dialect dialect, model::Schema* database) {
  json request{{"metadata", metadata_spec}, {"dialect", model::dialect_name(dialect)}};
  if (database) request["reflected"] = reflected_names(*database);
  return parse_model_json(project.export_models(request.dump()), database);
}

}  // namespace migsafe::analyzer::alembic
