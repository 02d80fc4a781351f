#include "analyzer/alembic/model_schema.hpp"

#include <gtest/gtest.h>

#include <string>

#include "model/error.hpp"

namespace migsafe::analyzer::alembic {
namespace {

std::string export_with_sequence(const std::string& start) {
  return R"({"tables": [], "enums": [], "sequences": [{"schema": "", "name": "s",
      "data_type": "bigint", "start": )" +
         start + R"(, "increment": 1}]})";
}

TEST(ModelSchemaTest, ReadsSequenceStarts) {
  EXPECT_EQ(parse_model_json(export_with_sequence("9223372036854775807")).sequences[0].start,
            9223372036854775807LL);
  EXPECT_EQ(parse_model_json(export_with_sequence("-5")).sequences[0].start, -5);
}

// UBSan in fuzz/bridge_json_fuzzer.cpp (fuzz/regressions/bridge_json/): a start of 1e300
// was cast to long long, undefined behaviour. Now the export's one error.
TEST(ModelSchemaTest, SequenceNumbersThatDoNotFitAreUnexpectedData) {
  for (const char* start : {"1e300", "9223372036854775808", "1e19", "-1e19"}) {
    EXPECT_THROW(parse_model_json(export_with_sequence(start)), model::InputError) << start;
  }
}

}  // namespace
}  // namespace migsafe::analyzer::alembic
