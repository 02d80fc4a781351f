#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace migsafe::analyzer::alembic {

// An integer member of the bridge's JSON, as Int. nlohmann's get<Int>() converts a number
// that does not fit with a plain cast, which is undefined behaviour for a float such as
// 1e300 (UBSan, in fuzz/bridge_json_fuzzer.cpp). Here a number that does not fit in Int
// (or is not a number) is a json::type_error, which the parsers turn into their one
// error; a float that fits is truncated, as get<Int>() did.
template <class Int>
Int json_integer(const nlohmann::json& value) {
  constexpr auto low = std::numeric_limits<Int>::min();
  constexpr auto high = std::numeric_limits<Int>::max();
  bool fits = false;
  if (value.is_number_unsigned()) {
    fits = value.get<std::uint64_t>() <= static_cast<std::uint64_t>(high);
  } else if (value.is_number_integer()) {
    const std::int64_t n = value.get<std::int64_t>();
    fits = n >= low && n <= high;
  } else if (value.is_number_float()) {
    // Int's bounds as doubles: low is a power of two, exact; high + 1 is -low.
    const double d = value.get<double>();
    fits = std::isfinite(d) && d > static_cast<double>(low) - 1.0 && d < -static_cast<double>(low);
  }
  if (!fits) {
    throw nlohmann::json::type_error::create(302,
                                             "expected an integer of at most " +
                                                 std::to_string(sizeof(Int) * 8) + " bits, got " +
                                                 value.dump(),
                                             &value);
  }
  return value.get<Int>();
}

}  // namespace migsafe::analyzer::alembic
