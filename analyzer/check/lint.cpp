#include <algorithm>
#include <map>

#include "analyzer/check/checks.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/expand_contract/deploy_order_name.hpp"
#include "analyzer/expand_contract/static_judge.hpp"
#include "analyzer/lint/lint_paths.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::check {
namespace {

constexpr const char* rerun_rule = "require-if-not-exists";

// What replaying each revision showed, by revision id (replay-per-revision's walk).
std::map<std::string, const RevisionOutcome*> replays(CheckSession& session) {
  std::map<std::string, const RevisionOutcome*> out;
  if (!session.has_database()) return out;
  const auto& checks = check_definitions();
  const bool selected = std::any_of(checks.begin(), checks.end(), [&](const auto& check) {
    return check.name == "replay-per-revision" && is_selected(check, session.request());
  });
  if (!selected) return out;
  for (const RevisionOutcome& outcome : session.chain_outcomes()) {
    if (outcome.replay_checked) out[outcome.revision->id] = &outcome;
  }
  return out;
}

// The replay is the truth about running a revision again: a revision it replayed
// cleanly has no require-if-not-exists finding, one it saw fail has the replay's
// finding, which lists the other statements to guard. The prediction stays, marked so,
// for revisions it did not reach.
std::vector<model::Finding> defer_to_replay(CheckSession& session,
                                            std::vector<model::Finding> findings) {
  const auto replayed = replays(session);
  std::map<std::string, std::string> to_guard;  // revision -> statements, for the help
  std::vector<model::Finding> kept;
  for (model::Finding& finding : findings) {
    if (finding.rule != rerun_rule) {
      kept.push_back(std::move(finding));
      continue;
    }
    const std::string& revision = finding.location.revision;
    auto outcome = replayed.find(revision);
    if (outcome == replayed.end()) {
      if (session.has_database()) {
        finding.message += " (predicted from the SQL: the replay did not reach this revision)";
      }
      kept.push_back(std::move(finding));
      continue;
    }
    const auto& error = outcome->second->replay_error;
    const std::string statement = diff::collapse_spaces(finding.statement);
    if (error && !statement.empty() && statement != diff::collapse_spaces(error->statement)) {
      to_guard[revision] += "\n  - " + statement;
    }
  }
  for (const auto& [revision, statements] : to_guard) {
    const std::string text = "; after it, these statements of the revision fail too:" + statements;
    session.extend_help("replay", revision, text);
    session.extend_help("replay-per-revision", revision, text);
  }
  return kept;
}

// The models of every code version that meets the new schema, to tell the safe contract
// step (a drop of what none of them maps) from a breaking drop: the new code's in
// code-first, the old and the new code's in migrate-first. Empty when one is not known.
std::vector<const model::Schema*> models_of_each_code(CheckSession& session) {
  if (!session.has_database()) return {};
  try {
    const model::Schema* current = session.new_models();
    if (current == nullptr) return {};
    if (expand_contract::parse_deploy_order(session.request().deploy_order) !=
        expand_contract::DeployOrder::migrate_first) {
      return {current};
    }
    const model::Schema* deployed = session.old_models();
    if (deployed == nullptr) return {};
    return {current, deployed};
  } catch (const model::InputError&) {
    return {};  // model-matches-ddl and expand-contract report why
  }
}

}  // namespace

// The statements every revision runs, through the lint rules. With a database, what the
// first `upgrade` really ran there (data migrations included, in that database's
// dialect: on SQLite only the SQLite rules read it, and what the database ran is never a
// syntax error); without one, or for revisions the upgrade did not reach, their offline
// SQL, as `migsafe lint PROJECT` does.
model::CheckStatus check_lint(CheckSession& session) {
  lint::Settings settings = session.request().lint;
  settings.judge_models = false;  // the expand-contract check judges them, from a real run
  lint::LintResult result = lint::lint_project(session.project(), settings, session.ran_statements());
  const std::vector<const model::Schema*> models = models_of_each_code(session);
  bool failed = false;
  for (model::Finding& finding : defer_to_replay(session, std::move(result.findings))) {
    if (!models.empty() && expand_contract::is_contract_step(finding, models)) continue;
    failed |= finding.severity != model::Severity::info;
    session.add(std::move(finding));
  }
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
