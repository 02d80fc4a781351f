#include "analyzer/alembic/bridge_replies.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"

namespace migsafe::analyzer::alembic {
namespace {

TEST(BridgeRepliesTest, ReadsLinesAndColumns) {
  const auto revisions = replies::revisions(
      R"({"revisions": [{"id": "a1", "down_revisions": [], "file": "v/a1.py",
          "upgrade_line": 17, "downgrade_line": 47.0, "message": "m"}]})");
  ASSERT_EQ(revisions.size(), 1u);
  EXPECT_EQ(revisions[0].upgrade_line, 17);
  EXPECT_EQ(revisions[0].downgrade_line, 47);
}

// UBSan in fuzz/bridge_json_fuzzer.cpp (fuzz/regressions/bridge_json/): a line of 1e300
// was cast to int, undefined behaviour. A number that does not fit is the parsers' one
// error, as any other malformed reply.
TEST(BridgeRepliesTest, NumbersThatDoNotFitAreMalformedReplies) {
  for (const char* line : {"1e300", "-1e300", "2147483648", "18446744073709551615", "\"7\""}) {
    const std::string reply =
        std::string(R"({"revisions": [{"id": "a1", "down_revisions": [], "file": "v/a1.py",)") +
        R"("upgrade_line": )" + line + R"(, "downgrade_line": 1, "message": "m"}]})";
    EXPECT_THROW(replies::revisions(reply), model::Error) << line;
  }
  EXPECT_THROW(replies::error(R"({"kind": "input", "message": "m", "fix": "", "revision": "",
      "file": "", "line": 1, "column": 1e19, "statement": "", "database_error": ""})"),
               model::Error);
}

}  // namespace
}  // namespace migsafe::analyzer::alembic
