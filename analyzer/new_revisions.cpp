#include "analyzer/new_revisions.hpp"

#include "analyzer/display_path.hpp"
#include "analyzer/lint/git_changes.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer {

namespace fs = std::filesystem;

namespace {

// The revisions below `since` (a revision id or a unique prefix) are old; it and they
// are not new, its descendants are.
std::set<std::string> descendants_of(const std::vector<alembic::Revision>& revisions,
                                     const std::string& since, const fs::path& folder) {
  std::set<std::string> after;
  bool known = false;
  for (const auto& revision : revisions) {  // parents come first
    if (revision.id.rfind(since, 0) == 0) {
      known = true;
      after.insert(revision.id);
      continue;
    }
    for (const auto& parent : revision.down_revisions) {
      if (after.count(parent) != 0) after.insert(revision.id);
    }
  }
  if (!known) {
    throw model::UsageError("--since " + since + " names no revision of " +
                                display_path(folder.string()),
                            "pass a revision id (or a unique prefix) from `alembic history`");
  }
  for (const auto& revision : revisions) {
    if (revision.id.rfind(since, 0) == 0) after.erase(revision.id);
  }
  return after;
}

}  // namespace

std::set<std::string> new_revisions(const std::vector<alembic::Revision>& revisions,
                                    const fs::path& folder, const NewRevisionsSpec& spec) {
  std::set<std::string> out;
  for (const auto& revision : revisions) out.insert(revision.id);
  if (!spec.base_ref.empty()) {
    const auto changed = lint::files_changed_since(folder, spec.base_ref);
    for (const auto& revision : revisions) {
      if (changed.count(lint::canonical_path(revision.file)) == 0) out.erase(revision.id);
    }
  }
  if (!spec.since.empty()) {
    const std::set<std::string> after = descendants_of(revisions, spec.since, folder);
    for (auto it = out.begin(); it != out.end();) {
      it = after.count(*it) != 0 ? std::next(it) : out.erase(it);
    }
  }
  return out;
}

std::vector<alembic::Revision> edited_revisions(const std::vector<alembic::Revision>& revisions,
                                                const fs::path& folder,
                                                const std::string& base_ref) {
  const auto edited = lint::files_edited_since(folder, base_ref);
  std::vector<alembic::Revision> out;
  for (const auto& revision : revisions) {
    if (edited.count(lint::canonical_path(revision.file)) != 0) out.push_back(revision);
  }
  return out;
}

}  // namespace migsafe::analyzer
