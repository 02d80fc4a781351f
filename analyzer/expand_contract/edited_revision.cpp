#include "analyzer/expand_contract/edited_revision.hpp"

#include "analyzer/display_path.hpp"

namespace migsafe::analyzer::expand_contract {

model::Finding edited_revision_finding(const alembic::Revision& revision, const std::string& ref,
                                       const std::string& order) {
  model::Finding finding;
  finding.check = finding.rule = "expand-contract";
  finding.message = "revision " + revision.id + " (" + display_path(revision.file) +
                    ") existed at " + ref + " and was changed since: an applied migration was "
                    "edited, and databases that already ran it never run the change";
  finding.help = "restore it (git checkout " + ref + " -- " + display_path(revision.file) +
                 ") and make the change in a new revision (alembic revision -m \"...\")";
  finding.location = {revision.file, revision.upgrade_line, 0, revision.id};
  finding.deploy_order = order;
  return finding;
}

}  // namespace migsafe::analyzer::expand_contract
