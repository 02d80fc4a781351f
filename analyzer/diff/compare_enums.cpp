#include <algorithm>

#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {
namespace {

std::string describe(const model::Enum& e) {
  std::vector<std::string> labels;
  for (const auto& l : e.labels) labels.push_back("'" + l + "'");
  return "ENUM " + qualified(e.schema, e.name) + " (" + join(labels) + ")";
}

}  // namespace

// Named enum types exist on PostgreSQL only; SQLAlchemy's Enum is a VARCHAR on SQLite.
void compare_enums(const model::Schema& expected, const model::Schema& actual, CompareContext& ctx) {
  if (!ctx.postgres()) return;
  match_objects(
      expected.enums, actual.enums, ctx,
      [](const model::Enum& e) { return qualified(e.schema, e.name); },
      [](const model::Enum&, const model::Enum&) { return false; },
      [&](const model::Enum& e, const model::Enum& a) {
        if (e.labels == a.labels) return;
        std::string fix;
        for (const auto& label : e.labels)
          if (std::find(a.labels.begin(), a.labels.end(), label) == a.labels.end())
            fix += (fix.empty() ? "" : "\n") + std::string("op.execute(\"ALTER TYPE ") + qualified(e.schema, e.name) +
                   " ADD VALUE IF NOT EXISTS '" + label + "'\")";
        if (fix.empty())
          fix = "# labels were removed or reordered: create the new type, ALTER COLUMN ... TYPE ... USING, drop the old";
        ctx.add({ObjectKind::enum_type, Change::changed, "", qualified(e.schema, e.name), "labels", describe(e),
                 describe(a), fix});
      },
      [&](const model::Enum& e) {
        std::vector<std::string> labels;
        for (const auto& l : e.labels) labels.push_back(py_string(l));
        ctx.add({ObjectKind::enum_type, Change::missing, "", qualified(e.schema, e.name), "", describe(e), "-",
                 "postgresql.ENUM(" + join(labels) + ", name=" + py_string(e.name) + ").create(op.get_bind())"});
      },
      [&](const model::Enum& a) {
        ctx.add({ObjectKind::enum_type, Change::unexpected, "", qualified(a.schema, a.name), "", "-", describe(a),
                 "op.execute(\"DROP TYPE " + qualified(a.schema, a.name) + "\")"});
      });
}

}  // namespace migsafe::analyzer::diff
