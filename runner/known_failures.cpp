#include "runner/known_failures.hpp"

#include <regex>

namespace migsafe::runner {
namespace {

KnownFailure row(StepKind kind, const char* failure, const char* cause, const char* fix) {
  KnownFailure known;
  known.kind = kind;
  known.failure = failure;
  known.cause = cause;
  known.fix = fix;
  return known;
}

KnownFailure with_reason(KnownFailure known, const char* reason) {
  known.reason = reason;
  return known;
}

KnownFailure with_status(KnownFailure known, int status) {
  known.status = status;
  return known;
}

KnownFailure with_command(KnownFailure known, const char* command) {
  known.command = command;
  return known;
}

KnownFailure with_path(KnownFailure known, const char* path) {
  known.path = path;
  return known;
}

KnownFailure with_output(KnownFailure known, const char* output) {
  known.output = output;
  return known;
}

bool searches(const std::string& pattern, const std::string& text) {
  if (pattern.empty()) return true;
  try {
    return std::regex_search(text, std::regex(pattern, std::regex::icase));
  } catch (const std::regex_error&) {
    return false;  // the pipeline reader rejects bad patterns; migsafe's are tested
  }
}

bool matches(const KnownFailure& known, const StepFailure& failure) {
  return known.kind == failure.kind &&
         (known.reason.empty() || known.reason == failure.reason) &&
         (known.status == 0 || known.status == failure.status) &&
         searches(known.path, failure.path) && searches(known.command, failure.command) &&
         searches(known.output, failure.summary + "\n" + failure.detail);
}

std::string filled(std::string text, const StepFailure& failure) {
  const std::pair<const char*, std::string> facts[] = {
      {"{step}", failure.step},
      {"{status}", std::to_string(failure.status)},
      {"{path}", failure.path},
      {"{revision}", failure.revision},
      {"{file}", failure.file},
      {"{line}", std::to_string(failure.line)},
      {"{statement}", failure.statement},
      {"{error}", failure.detail.empty() ? failure.summary : failure.detail},
      {"{summary}", failure.summary},
      {"{detail}", failure.detail},
      {"{hint}", failure.hint},
      {"{url_env}", failure.url_env},
  };
  for (const auto& [name, value] : facts) {
    for (std::size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + value.size())) {
      text.replace(at, std::string(name).size(), value);
    }
  }
  return text;
}

}  // namespace

const std::vector<KnownFailure>& builtin_known_failures() {
  using K = StepKind;
  static const std::vector<KnownFailure> rows = {
      // The seed's "Common CI Failures" table, matched on the step that shows them.
      with_path(with_status(row(K::smoke, "Smoke test: health 503", "DB not connected",
                                "Check DATABASE_URL, run migrations"),
                            503),
                "health"),
      with_path(with_status(row(K::smoke, "Smoke test: plate 500", "Missing schema",
                                "Run migrator Lambda (the stage's migrate step runs alembic "
                                "upgrade head)"),
                            500),
                "plate"),
      with_reason(with_command(row(K::command, "Migrator image fails", "SST wraps Dockerfile",
                                   "CI builds image directly (docker build -f services/"
                                   "migrator/Dockerfile in its own step)"),
                               R"(\bdocker(\s+buildx)?\s+build\b)"),
                  "exit-code"),
      with_output(row(K::command, "OIDC auth fails", "Role ARN misconfigured",
                      "Check AWS_DEPLOY_ROLE_ARN"),
                  R"(OIDC|AssumeRoleWithWebIdentity|sts:AssumeRole|Not authorized to perform sts)"),
      with_output(with_command(row(K::command, "Migration not idempotent",
                                   "Missing IF NOT EXISTS guards", "Add idempotency guards"),
                               R"(\bmigsafe\s+check\b)"),
                  R"(upgrade-twice|replay)"),
      with_output(with_command(row(K::command, "Schema check failed",
                                   "Model doesn't match migration", "Update migration or model"),
                               R"(\bmigsafe\s+(check|drift)\b|alembic\s+check)"),
                  R"(model-matches-ddl|drift|New upgrade operations detected)"),
      with_output(row(K::command, "Type error in frontend", "Backend schema changed",
                      "Run npm run types:generate"),
                  R"(error TS[0-9]+)"),
      // migsafe's own rows.
      with_reason(row(K::migrate, "Migration failed",
                      "revision {revision} ({file}:{line}) failed: {error}; statement: "
                      "{statement}",
                      "the database stays at the revision before it: fix the revision, prove "
                      "it on a scratch database with `migsafe check --db postgres`, run the "
                      "stage again"),
                  "migration-error"),
      with_reason(row(K::migrate, "Several heads",
                      "two branches each added a revision: `upgrade head` is ambiguous",
                      "merge them: alembic merge heads -m \"merge heads\", commit, deploy again"),
                  "several-heads"),
      with_reason(row(K::migrate, "No database URL", "{url_env} is not set for the migrate step",
                      "set {url_env} to the stage's database URL (a CI secret)"),
                  "url-missing"),
      with_reason(row(K::migrate, "Database unreachable",
                      "the migrator could not connect: {error}",
                      "check {url_env} (host, port, credentials) and that the database runs"),
                  "unreachable"),
      with_reason(row(K::migrate, "Migrator cannot run",
                      "the migrate step stopped before a revision ran: {summary}", "{hint}"),
                  "database-error"),
      with_reason(row(K::smoke, "Service unreachable",
                      "nothing answered at {path}: the service is not up at the base URL",
                      "check the deploy step and the base URL; read the service's start-up "
                      "log"),
                  "unreachable"),
      with_reason(row(K::command, "Step timed out", "{step} ran past its timeout",
                      "raise the step's timeout, or find what it waits for"),
                  "timeout"),
  };
  return rows;
}

std::optional<Diagnosis> diagnose(const StepFailure& failure,
                                  const std::vector<KnownFailure>& users_rows) {
  for (const auto* rows : {&users_rows, &builtin_known_failures()}) {
    for (const KnownFailure& known : *rows) {
      if (matches(known, failure)) {
        return Diagnosis{filled(known.failure, failure), filled(known.cause, failure),
                         filled(known.fix, failure)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace migsafe::runner
