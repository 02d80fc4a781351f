#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

model::CheckStatus check_single_head(CheckSession& session) {
  const std::vector<std::string> heads = session.project().heads();
  if (heads.size() <= 1) return model::CheckStatus::passed;

  model::Finding finding;
  finding.check = finding.rule = "single-head";
  std::string listed;
  for (const std::string& head : heads) listed += (listed.empty() ? "" : ", ") + head;
  finding.message = "the migrations have " + std::to_string(heads.size()) + " heads: " + listed +
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
