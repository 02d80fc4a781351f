#include <algorithm>
#include <map>
#include <set>

#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {
namespace {

// The latest revision every head descends from: where the branches split ("" when
// they share no revision, as two bases do). Revisions come parents first.
std::string branch_point(const std::vector<alembic::Revision>& revisions,
                         const std::vector<std::string>& heads) {
  std::map<std::string, std::set<std::string>> ancestors;  // id -> itself and its ancestors
  for (const alembic::Revision& revision : revisions) {
    std::set<std::string>& mine = ancestors[revision.id];
    mine.insert(revision.id);
    for (const std::string& parent : revision.down_revisions) {
      const auto& theirs = ancestors[parent];
      mine.insert(theirs.begin(), theirs.end());
    }
  }
  std::string latest;
  for (const alembic::Revision& revision : revisions) {
    const bool shared = std::all_of(heads.begin(), heads.end(), [&](const std::string& head) {
      return ancestors[head].count(revision.id) != 0;
    });
    if (shared) latest = revision.id;
  }
  return latest;
}

}  // namespace

// One head, or `alembic upgrade head` refuses to run. Several heads are this check's
// finding; the other checks still run, against every head (`upgrade heads`).
model::CheckStatus check_single_head(CheckSession& session) {
  const std::vector<std::string> heads = session.project().heads();
  if (heads.size() <= 1) return model::CheckStatus::passed;

  model::Finding finding;
  finding.check = finding.rule = "single-head";
  std::string listed;
  for (const std::string& head : heads) listed += (listed.empty() ? "" : ", ") + head;
  const std::string split = branch_point(session.revisions(), heads);
  finding.message = "the migrations have " + std::to_string(heads.size()) + " heads: " + listed +
                    (split.empty() ? " (no common ancestor)" : " (branched from " + split + ")") +
                    "; `alembic upgrade head` refuses to run";
  std::string merge = "alembic merge -m \"merge heads\"";
  for (const std::string& head : heads) merge += " " + head;
  finding.help = "join them with a merge revision: " + merge;
  if (const alembic::Revision* revision = session.find_revision(heads.back())) {
    finding.location.file = revision->file;
    finding.location.line = revision->upgrade_line;
    finding.location.revision = revision->id;
  }
  session.add(std::move(finding));
  return model::CheckStatus::failed;
}

}  // namespace migsafe::analyzer::check
