#pragma once

#include <string>

namespace migsafe::analyzer::check {

// How to make a statement that failed on its second run safe to run again, e.g.
// "write CREATE TABLE IF NOT EXISTS plates (...)".
std::string guard_advice(const std::string& statement);

}  // namespace migsafe::analyzer::check
