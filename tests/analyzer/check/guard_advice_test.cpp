// The help a replay failure gives: the statement's own head with the guard it lacks.
#include "analyzer/check/guard_advice.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::check {
namespace {

TEST(GuardAdvice, CreateTableGetsIfNotExists) {
  EXPECT_EQ(guard_advice("CREATE TABLE plates (id bigint)"),
            "write CREATE TABLE IF NOT EXISTS plates (...)");
}

TEST(GuardAdvice, DropConstraintGetsIfExistsNotAColumnGuard) {
  EXPECT_EQ(guard_advice("ALTER TABLE plates DROP CONSTRAINT plates_state_check"),
            "write ALTER TABLE plates DROP CONSTRAINT IF EXISTS plates_state_check");
  EXPECT_EQ(guard_advice("ALTER TABLE plates DROP COLUMN region"),
            "write ALTER TABLE plates DROP COLUMN IF EXISTS region");
}

TEST(GuardAdvice, DoBlocksAreDollarQuotedWithTwoDollars) {
  EXPECT_EQ(guard_advice("CREATE TYPE mood AS ENUM ('a')"),
            "wrap it in DO $$ BEGIN CREATE TYPE ...; EXCEPTION WHEN duplicate_object THEN "
            "NULL; END $$");
  EXPECT_EQ(guard_advice("ALTER TABLE plates ADD CONSTRAINT uq UNIQUE (plate)"),
            "wrap it in DO $$ BEGIN ALTER TABLE plates ADD CONSTRAINT ...; EXCEPTION WHEN "
            "duplicate_object THEN NULL; END $$");
}

TEST(GuardAdvice, UnknownStatementsGetTheGeneralAdvice) {
  EXPECT_NE(guard_advice("GRANT SELECT ON plates TO app").find("guard each statement"),
            std::string::npos);
}

}  // namespace
}  // namespace migsafe::analyzer::check
