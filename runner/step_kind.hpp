#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace migsafe::runner {

enum class StepKind { command, migrate, smoke };

// The one table of step kind names (docs/runner.md): "command", "migrate", "smoke".
std::string_view step_kind_name(StepKind kind);
std::optional<StepKind> parse_step_kind(std::string_view name);
std::string step_kind_names();  // "command, migrate, smoke": for help texts

}  // namespace migsafe::runner
