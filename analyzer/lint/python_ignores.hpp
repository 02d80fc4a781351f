#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/suppression.hpp"

namespace migsafe::analyzer::lint {

// The `# migsafe:ignore rule-id` comments of a migration file, as suppressions for
// rules::lint. A comment on the line of an op.* call covers that line; a comment on a
// line of its own also covers the line after it (the op.* call below).
// `# migsafe:ignore-file rule-id` covers the whole file. `file` must be spelled the
// way the findings' locations spell it.
std::vector<rules::Suppression> python_suppressions(std::string_view source, const std::string& file,
                                                    const std::string& revision = {});

}  // namespace migsafe::analyzer::lint
