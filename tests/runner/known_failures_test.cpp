// The known-failures table: each row of the seed's "Common CI Failures" is found from
// the failure a step reports, and a pipeline's own rows come first.
#include "runner/known_failures.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace migsafe::runner {
namespace {

StepFailure smoke_failure(int status, const std::string& path) {
  StepFailure failure;
  failure.step = "smoke";
  failure.kind = StepKind::smoke;
  failure.reason = "status";
  failure.status = status;
  failure.path = path;
  failure.summary = "GET " + path + " answered " + std::to_string(status) + " (expected 200)";
  return failure;
}

StepFailure command_failure(const std::string& command, const std::string& output) {
  StepFailure failure;
  failure.step = "step";
  failure.kind = StepKind::command;
  failure.reason = "exit-code";
  failure.command = command;
  failure.summary = "exited with 1";
  failure.detail = output;
  return failure;
}

TEST(KnownFailures, SeedRowsAreMatchedOnWhatFailed) {
  struct Case {
    StepFailure failure;
    const char* row;
    const char* cause;
  };
  const Case cases[] = {
      {smoke_failure(503, "/health"), "Smoke test: health 503", "DB not connected"},
      {smoke_failure(500, "/plates/KX19ZTP"), "Smoke test: plate 500", "Missing schema"},
      {command_failure("docker build -f services/migrator/Dockerfile -t m:abc .", "step 3/7 failed"),
       "Migrator image fails", "SST wraps Dockerfile"},
      {command_failure("docker buildx build .", ""), "Migrator image fails", "SST wraps Dockerfile"},
      {command_failure("aws lambda list-functions",
                       "An error occurred (AccessDenied) when calling the "
                       "AssumeRoleWithWebIdentity operation"),
       "OIDC auth fails", "Role ARN misconfigured"},
      {command_failure("migsafe check --db postgres", "upgrade-twice: failed"),
       "Migration not idempotent", "Missing IF NOT EXISTS guards"},
      {command_failure("migsafe check --db postgres", "model-matches-ddl: 2 findings"),
       "Schema check failed", "Model doesn't match migration"},
      {command_failure("npm run build", "src/api.ts(3,1): error TS2339: Property"),
       "Type error in frontend", "Backend schema changed"},
  };
  for (const Case& c : cases) {
    const auto diagnosis = diagnose(c.failure, {});
    ASSERT_TRUE(diagnosis) << c.failure.command << c.failure.summary;
    EXPECT_EQ(diagnosis->failure, c.row);
    EXPECT_EQ(diagnosis->cause, c.cause);
    EXPECT_FALSE(diagnosis->fix.empty());
  }
}

TEST(KnownFailures, NothingMatchesAnUnknownFailure) {
  EXPECT_FALSE(diagnose(command_failure("make lint", "E501 line too long"), {}));
  EXPECT_FALSE(diagnose(smoke_failure(418, "/teapot"), {}));
  // The seed's rows name the route: a 503 or 500 elsewhere is not theirs.
  EXPECT_FALSE(diagnose(smoke_failure(503, "/ready"), {}));
  EXPECT_FALSE(diagnose(smoke_failure(500, "/health"), {}));
  // A docker build row is a command row that failed: a timeout is the timeout's row.
  StepFailure timed_out = command_failure("docker build .", "");
  timed_out.reason = "timeout";
  EXPECT_EQ(diagnose(timed_out, {})->failure, "Step timed out");
}

TEST(KnownFailures, MigrationErrorNamesTheRevisionAndStatement) {
  StepFailure failure;
  failure.step = "migrate";
  failure.kind = StepKind::migrate;
  failure.reason = "migration-error";
  failure.revision = "3c7e4a9d1f23";
  failure.file = "/repo/migrations/versions/3c7e_create_plates.py";
  failure.line = 21;
  failure.statement = "ALTER TABLE plates ADD COLUMN state TEXT NOT NULL";
  failure.detail = "column \"state\" of relation \"plates\" contains null values";
  const auto diagnosis = diagnose(failure, {});
  ASSERT_TRUE(diagnosis);
  EXPECT_EQ(diagnosis->failure, "Migration failed");
  for (const std::string& part : {failure.revision, failure.file + ":21", failure.statement,
                                  failure.detail}) {
    EXPECT_NE(diagnosis->cause.find(part), std::string::npos) << diagnosis->cause;
  }
}

TEST(KnownFailures, ThePipelinesRowsComeFirst) {
  KnownFailure own;
  own.kind = StepKind::smoke;
  own.status = 503;
  own.path = "^/(ready|health)";
  own.failure = "Readiness 503 at {path}";
  own.cause = "warming caches";
  own.fix = "wait longer: raise deadline";
  EXPECT_EQ(diagnose(smoke_failure(503, "/ready"), {own})->failure, "Readiness 503 at /ready");
  EXPECT_EQ(diagnose(smoke_failure(503, "/health"), {own})->failure, "Readiness 503 at /health");
  EXPECT_EQ(diagnose(smoke_failure(503, "/health"), {})->failure, "Smoke test: health 503");
}

// Every built-in row is whole: its patterns compile, it says a cause and a fix.
TEST(KnownFailures, EveryBuiltinRowIsWhole) {
  for (const KnownFailure& row : builtin_known_failures()) {
    for (const std::string& pattern : {row.path, row.command, row.output}) {
      EXPECT_NO_THROW(std::regex{pattern}) << row.failure;
    }
    EXPECT_FALSE(row.cause.empty()) << row.failure;
    EXPECT_FALSE(row.fix.empty()) << row.failure;
  }
}

}  // namespace
}  // namespace migsafe::runner
