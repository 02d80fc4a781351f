#include <cctype>
#include <map>

#include "analyzer/check/checks.hpp"
#include "analyzer/expand_contract/deploy_order.hpp"
#include "analyzer/expand_contract/edited_revision.hpp"
#include "analyzer/expand_contract/schema_changes.hpp"
#include "analyzer/new_revisions.hpp"
#include "model/error.hpp"
#include "rules/sql/text_case.hpp"

namespace migsafe::analyzer::check {
namespace {

namespace ec = analyzer::expand_contract;
using Statements = std::vector<alembic::EmittedStatement>;

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `sql` names `name` as a whole word, in any case (quoted or not).
bool mentions(const std::string& sql, const std::string& name) {
  if (name.empty()) return true;
  const std::string text = rules::sql::to_lower(sql);
  const std::string word = rules::sql::to_lower(name);
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const std::size_t end = at + word.size();
    if (starts && (end == text.size() || !is_word_char(text[end]))) return true;
  }
  return false;
}

// Where the user acts on a change: the first op.* call of the revision whose SQL names
// it, else the revision's upgrade().
model::Location location_of(const ec::SchemaChange& change, const alembic::Revision& revision,
                            const Statements& statements) {
  const std::string& column = change.column.empty() ? change.new_name : change.column;
  for (const bool with_column : {true, false}) {
    for (const alembic::EmittedStatement& statement : statements) {
      if (statement.kind != alembic::StatementKind::operation || statement.line == 0) continue;
      if (!mentions(statement.sql, change.table)) continue;
      if (with_column && !mentions(statement.sql, column)) continue;
      return {statement.file, statement.line, statement.column, revision.id};
    }
  }
  return {revision.file, revision.upgrade_line, 0, revision.id};
}

void require_known_order(const CheckRequest& request, ec::DeployOrder order) {
  if (order == ec::DeployOrder::migrate_first && request.base_ref.empty()) {
    throw model::UsageError(
        "--deploy-order migrate-first judges the old code against the new schema, and the old "
        "code's models are read at --base-ref, which is not set",
        "pass --base-ref GIT-REF (the release deployed now, e.g. origin/main), or set "
        "base_ref in [tool.migsafe]");
  }
}

}  // namespace

// The new revisions against the code that meets them in the pipeline's deploy order
// (docs/expand-contract.md): what each revision changed, read from the chain walk's
// reflections before and after it, judged against the new models (the work tree's) and
// the old ones (at --base-ref).
model::CheckStatus check_expand_contract(CheckSession& session) {
  const CheckRequest& request = session.request();
  const auto order = ec::parse_deploy_order(request.deploy_order);
  if (!order) {
    throw model::UsageError("unknown deploy order '" + request.deploy_order + "'",
                            "use code-first or migrate-first");
  }
  require_known_order(request, *order);
  const NewRevisionsSpec spec{request.since, request.base_ref};
  if (!spec.any()) {
    session.set_note("no revision is new: pass --base-ref GIT-REF (e.g. origin/main) or --since "
                     "REV, or set base_ref in [tool.migsafe]");
    return model::CheckStatus::skipped;
  }
  alembic::Project& project = session.project();
  const std::string order_name(ec::deploy_order_name(*order));
  bool failed = false;
  std::set<std::string> fresh = new_revisions(session.revisions(), project.folder(), spec);
  if (!spec.base_ref.empty()) {
    for (const auto& revision :
         edited_revisions(session.revisions(), project.folder(), spec.base_ref)) {
      session.add(ec::edited_revision_finding(revision, spec.base_ref, order_name));
      fresh.erase(revision.id);  // its error says it all; what it creates is not new
      failed = true;
    }
  }
  if (fresh.empty()) {
    session.set_note("no new revision since " + (spec.base_ref.empty() ? spec.since : spec.base_ref));
    return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
  }
  const model::CheckStatus nothing_judged =
      failed ? model::CheckStatus::failed : model::CheckStatus::skipped;
  const lint::RanStatements* ran = session.ran_statements();
  if (!session.upgrade_passes()) return nothing_judged;
  const model::Schema* new_models = session.new_models();
  if (new_models == nullptr) {
    session.set_note("env.py hands Alembic no target_metadata; pass --metadata module:attr");
    return nothing_judged;
  }
  std::map<std::string, Statements> statements_of;
  if (ran != nullptr) {
    for (const auto& statement : ran->statements) statements_of[statement.revision].push_back(statement);
  }
  // The old code meets the new schema in migrate-first only.
  const ec::CodeVersions code{
      new_models, *order == ec::DeployOrder::migrate_first ? session.old_models() : nullptr};
  for (const RevisionOutcome& outcome : session.chain_outcomes()) {
    const alembic::Revision& revision = *outcome.revision;
    if (fresh.count(revision.id) == 0 || !outcome.schema_before || !outcome.schema_after) continue;
    const Statements& statements = statements_of[revision.id];
    for (const ec::SchemaChange& change : ec::changes_between(
             *outcome.schema_before, *outcome.schema_after, ec::renames_in(statements))) {
      for (ec::Breakage& broken : ec::judge(change, *order, code)) {
        model::Finding finding;
        finding.check = finding.rule = "expand-contract";
        finding.message = std::move(broken.message) + " (" + order_name + ")";
        finding.help = std::move(broken.help);
        finding.location = location_of(change, revision, statements);
        finding.deploy_order = order_name;
        finding.code = std::move(broken.code);
        session.add(std::move(finding));
        failed = true;
      }
    }
  }
  session.set_note(not_walked_note(session.chain_outcomes()));
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
