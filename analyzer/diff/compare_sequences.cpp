#include <algorithm>

#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {
namespace {

std::string describe(const model::Sequence& s) {
  return "SEQUENCE " + qualified(s.schema, s.name) + " START " + std::to_string(s.start) + " INCREMENT " +
         std::to_string(s.increment);
}

}  // namespace

// Only standalone sequences: the ones behind serial and identity columns belong to
// their column and are compared there.
void compare_sequences(const model::Schema& expected, const model::Schema& actual, CompareContext& ctx) {
  if (!ctx.postgres()) return;
  auto standalone = [&](const model::Schema& schema, const model::Schema& other) {
    std::vector<model::Sequence> out;
    for (const auto& s : schema.sequences) {
      const bool named_in_other = std::any_of(other.sequences.begin(), other.sequences.end(), [&](const auto& o) {
        return o.schema == s.schema && ctx.same_name(o.name, s.name) && o.owned_by.empty();
      });
      if (s.owned_by.empty() || named_in_other) out.push_back(s);
    }
    return out;
  };
  match_objects(
      standalone(expected, actual), standalone(actual, expected), ctx,
      [](const model::Sequence& s) { return qualified(s.schema, s.name); },
      [](const model::Sequence&, const model::Sequence&) { return false; },
      [&](const model::Sequence& e, const model::Sequence& a) {
        std::string attribute = e.start != a.start ? "start" : e.increment != a.increment ? "increment" : "";
        if (attribute.empty()) return;
        ctx.add({ObjectKind::sequence, Change::changed, "", qualified(e.schema, e.name), attribute, describe(e),
                 describe(a),
                 "op.execute(\"ALTER SEQUENCE " + qualified(e.schema, e.name) + " START WITH " +
                     std::to_string(e.start) + " INCREMENT BY " + std::to_string(e.increment) + "\")"});
      },
      [&](const model::Sequence& e) {
        ctx.add({ObjectKind::sequence, Change::missing, "", qualified(e.schema, e.name), "", describe(e), "-",
                 "op.execute(sa.schema.CreateSequence(sa.Sequence(" + py_string(e.name) + ", start=" +
                     std::to_string(e.start) + ", increment=" + std::to_string(e.increment) + ")))"});
      },
      [&](const model::Sequence& a) {
        ctx.add({ObjectKind::sequence, Change::unexpected, "", qualified(a.schema, a.name), "", "-", describe(a),
                 "op.execute(sa.schema.DropSequence(sa.Sequence(" + py_string(a.name) + ")))"});
      });
}

}  // namespace migsafe::analyzer::diff
