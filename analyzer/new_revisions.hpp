#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"

namespace migsafe::analyzer {

// What makes a revision new, the one meaning --since and --base-ref have in every command
// (docs/cli.md): after the revision --since names, and whose file was added or changed
// since the git ref --base-ref names. Neither given: every revision is new.
struct NewRevisionsSpec {
  std::string since;
  std::string base_ref;
  bool any() const { return !since.empty() || !base_ref.empty(); }
};

// The ids of `revisions` (a project's, bases first) that `spec` calls new. `folder` is
// the project's, inside the git work tree --base-ref is read in. Throws
// model::UsageError when --since names no revision, model::InputError when git fails.
std::set<std::string> new_revisions(const std::vector<alembic::Revision>& revisions,
                                    const std::filesystem::path& folder,
                                    const NewRevisionsSpec& spec);

// The revisions whose file existed at `base_ref` and differs from it now: a migration
// that was already applied somewhere, edited. Throws model::InputError when git fails.
std::vector<alembic::Revision> edited_revisions(const std::vector<alembic::Revision>& revisions,
                                                const std::filesystem::path& folder,
                                                const std::string& base_ref);

}  // namespace migsafe::analyzer
