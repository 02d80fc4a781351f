#include <regex>

#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"
#include "model/dialect.hpp"

namespace migsafe::analyzer::diff {
namespace {

std::vector<std::string> normal_elements(const std::vector<std::string>& elements) {
  std::vector<std::string> out;
  for (const auto& e : elements) out.push_back(normalize_expression(e));
  return out;
}

std::string method(const model::Index& index) { return index.method.empty() ? "btree" : index.method; }

std::string predicate(const model::Index& index) {
  return index.predicate ? normalize_expression(*index.predicate) : std::string{};
}

}  // namespace

void compare_indexes(const model::Table& expected, const model::Table& actual, CompareContext& ctx) {
  const std::string table = qualified(expected.schema, expected.name);
  const bool pg = ctx.postgres();
  auto same_shape = [&](const model::Index& e, const model::Index& a) {
    return normal_elements(e.elements) == normal_elements(a.elements) && e.unique == a.unique &&
           predicate(e) == predicate(a);
  };
  auto create = [&](const model::Index& index) {
    static const std::regex identifier{R"(^[A-Za-z_][A-Za-z0-9_$]*$)"};
    std::vector<std::string> elements;
    for (const auto& e : index.elements)
      elements.push_back(std::regex_match(e, identifier) ? py_string(e) : "sa.text(" + py_string(e) + ")");
    std::string out = "op.create_index(" + py_string(index.name) + ", " + py_string(expected.name) + ", [" +
                      join(elements) + "], unique=" + (index.unique ? "True" : "False");
    if (index.predicate) {
      out += ", " + std::string(model::dialect_name(ctx.options.dialect)) + "_where=sa.text(" +
             py_string(*index.predicate) + ")";
    }
    if (pg && method(index) != "btree") out += ", postgresql_using=" + py_string(index.method);
    if (pg && !index.include.empty()) out += ", postgresql_include=" + py_list(index.include);
    if (!expected.schema.empty()) out += ", schema=" + py_string(expected.schema);
    return out + ")";
  };
  auto drop = [&](const model::Index& index) {
    return "op.drop_index(" + py_string(index.name) + ", table_name=" + py_string(expected.name) + ")";
  };
  match_objects(
      expected.indexes, actual.indexes, ctx, [](const model::Index& i) { return i.name; }, same_shape,
      [&](const model::Index& e, const model::Index& a) {
        std::string attribute;
        if (normal_elements(e.elements) != normal_elements(a.elements))
          attribute = "columns";
        else if (e.unique != a.unique)
          attribute = "unique";
        else if (predicate(e) != predicate(a))
          attribute = "predicate";
        else if (pg && method(e) != method(a))
          attribute = "method";
        else if (pg && e.include != a.include)
          attribute = "include";
        else if (pg && e.nulls_not_distinct != a.nulls_not_distinct)
          attribute = "nulls_not_distinct";
        if (attribute.empty()) return;
        ctx.add({ObjectKind::index, Change::changed, table, e.name, attribute, describe_index(e),
                 describe_index(a), drop(a) + "\n" + create(e)});
      },
      [&](const model::Index& e) {
        ctx.add({ObjectKind::index, Change::missing, table, e.name, "", describe_index(e), "-", create(e)});
      },
      [&](const model::Index& a) {
        ctx.add({ObjectKind::index, Change::unexpected, table, a.name, "", "-", describe_index(a), drop(a)});
      });
}

}  // namespace migsafe::analyzer::diff
