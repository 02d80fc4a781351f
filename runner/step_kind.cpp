#include "runner/step_kind.hpp"

namespace migsafe::runner {
namespace {

struct KindName {
  StepKind kind;
  std::string_view name;
};

constexpr KindName kind_names[] = {
    {StepKind::command, "command"},
    {StepKind::migrate, "migrate"},
    {StepKind::smoke, "smoke"},
};

}  // namespace

std::string_view step_kind_name(StepKind kind) {
  for (const KindName& entry : kind_names) {
    if (entry.kind == kind) return entry.name;
  }
  return "command";
}

std::optional<StepKind> parse_step_kind(std::string_view name) {
  for (const KindName& entry : kind_names) {
    if (entry.name == name) return entry.kind;
  }
  return std::nullopt;
}

std::string step_kind_names() {
  std::string names;
  for (const KindName& entry : kind_names) {
    names += (names.empty() ? "" : ", ") + std::string(entry.name);
  }
  return names;
}

}  // namespace migsafe::runner
