#pragma once

#include <string>

#include "model/schema.hpp"

namespace migsafe::dbdrivers {

// Every field of `schema` as text, one line per object, in the order reflection gave
// them: two reflections are equal exactly when their texts are, and a failing
// EXPECT_EQ shows which line differs. (model::Schema has no operator==.)
std::string schema_text(const model::Schema& schema);

}  // namespace migsafe::dbdrivers
