#include "analyzer/lint/lint_paths.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "analyzer/alembic/project.hpp"
#include "analyzer/display_path.hpp"
#include "analyzer/lint/exclude.hpp"
#include "analyzer/lint/git_changes.hpp"
#include "analyzer/lint/python_ignores.hpp"
#include "analyzer/lint/revision_units.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::lint {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw model::InputError("cannot read " + path.string(), "check the file's permissions");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string canonical_path(const fs::path& path) {
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return (ec ? fs::absolute(path).lexically_normal() : out).string();
}

// An Alembic project and the revisions asked for in it.
struct ProjectWork {
  fs::path ini;
  std::unique_ptr<alembic::Project> project;
  std::vector<alembic::Revision> revisions;
  bool all = false;
  std::set<std::string> wanted;  // revision ids
};

class Linter {
 public:
  explicit Linter(const Settings& settings) : settings_(settings) {}

  void add(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      throw model::InputError(path.string() + " does not exist",
                              "pass a .sql file, a migration .py file, or an Alembic project folder");
    }
    if (fs::is_directory(path, ec)) {
      if (fs::is_regular_file(path / "alembic.ini", ec)) {
        project(path / "alembic.ini").all = true;
      } else {
        add_sql_folder(path);
      }
      return;
    }
    const std::string extension = path.extension().string();
    if (extension == ".sql") {
      if (!excluded(path)) sql_files_.push_back(path);
    } else if (extension == ".ini") {
      project(path).all = true;
    } else if (extension == ".py") {
      add_migration_file(path);
    } else {
      throw model::InputError("cannot lint " + path.string() + ": not a .sql file, a migration .py file or "
                              "an Alembic project",
                              "pass .sql files, migration .py files or a folder holding alembic.ini");
    }
  }

  LintResult run() {
    lint_sql_files();
    for (auto& [ini, work] : projects_) lint_project(work);
    finish();
    return std::move(result_);
  }

 private:
  bool excluded(const fs::path& path) const {
    return is_excluded(path, settings_.exclude, settings_.exclude_base);
  }

  void add_sql_folder(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".sql") found.push_back(entry.path());
    }
    if (found.empty()) {
      throw model::InputError(folder.string() + " holds neither alembic.ini nor .sql files",
                              "pass an Alembic project folder (with alembic.ini), .sql files, or migration .py files");
    }
    std::sort(found.begin(), found.end());
    for (const auto& file : found) {
      if (!excluded(file)) sql_files_.push_back(file);
    }
  }

  ProjectWork& project(const fs::path& ini) {
    const std::string key = canonical_path(ini);
    auto it = projects_.find(key);
    if (it != projects_.end()) return it->second;
    ProjectWork work;
    work.ini = key;
    alembic::ProjectOptions options;
    options.url_env_var = settings_.url_env_var;
    work.project = std::make_unique<alembic::Project>(work.ini, options);
    work.revisions = work.project->revisions();
    return projects_.emplace(key, std::move(work)).first->second;
  }

  // The revision `file` is, in the nearest project above it that has it.
  void add_migration_file(const fs::path& file) {
    const std::string wanted = canonical_path(file);
    std::vector<std::string> looked_in;
    for (fs::path folder = fs::path(wanted).parent_path(); !folder.empty(); folder = folder.parent_path()) {
      std::error_code ec;
      if (fs::is_regular_file(folder / "alembic.ini", ec)) {
        ProjectWork& work = project(folder / "alembic.ini");
        for (const auto& revision : work.revisions) {
          if (canonical_path(revision.file) == wanted) {
            if (!excluded(file)) work.wanted.insert(revision.id);
            return;
          }
        }
        looked_in.push_back(display_path(work.ini.string()));
      }
      if (folder == folder.root_path()) break;
    }
    if (looked_in.empty()) {
      throw model::InputError(file.string() + " is not inside an Alembic project: no alembic.ini above it",
                              "run migsafe lint on the project folder, or on .sql files");
    }
    result_.notes.push_back("skipped " + file.string() + ": not a revision of " + looked_in.front());
  }

  std::vector<model::Finding> lint_sql_file(const fs::path& file) const {
    rules::LintOptions options = settings_.rules;
    if (settings_.dialect) options.context.dialect = *settings_.dialect;
    return rules::lint_sql(read_file(file), file.string(), options);
  }

  // .sql files are independent units: they are linted on up to two threads (the
  // benchmark machine has two cores; more adds memory, not speed, there), and their
  // findings are appended in the order the files were named. A file that cannot be read
  // fails the run as it did when linted one by one: the first such file in that order.
  void lint_sql_files() {
    const std::size_t count = sql_files_.size();
    std::vector<std::vector<model::Finding>> found(count);
    std::vector<std::exception_ptr> failed(count);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < count; i = next++) {
        try {
          found[i] = lint_sql_file(sql_files_[i]);
          found[i].shrink_to_fit();  // thousands of small files: no spare capacity each
        } catch (...) {
          failed[i] = std::current_exception();
        }
      }
    };
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t helpers = count >= 2 && cores >= 2 ? 1 : 0;
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < helpers; ++i) threads.emplace_back(work);
    try {
      work();
    } catch (...) {
      for (auto& thread : threads) thread.join();
      throw;
    }
    for (auto& thread : threads) thread.join();
    std::size_t total = result_.findings.size();
    for (const auto& findings : found) total += findings.size();
    result_.findings.reserve(total);  // not twice that, as growing one by one may
    for (std::size_t i = 0; i < count; ++i) {
      if (failed[i]) std::rethrow_exception(failed[i]);
      append(std::move(found[i]));
      std::vector<model::Finding>().swap(found[i]);  // its moved-from findings, freed now
      ++result_.units;
    }
  }

  void lint_project(ProjectWork& work) {
    if (!work.all && work.wanted.empty()) return;
    rules::Dialect dialect = rules::Dialect::postgresql;
    if (settings_.dialect) {
      dialect = *settings_.dialect;
      // Offline SQL follows the URL's dialect; no connection is made.
      work.project->set_url(dialect == rules::Dialect::sqlite ? "sqlite://" : "postgresql://");
    } else {
      const std::string url = work.project->configured_url();
      if (url.empty()) {
        work.project->set_url("postgresql://");
      } else {
        dialect = dialect_of_url(url);
      }
    }

    std::map<std::string, const alembic::Revision*> by_id;
    for (const auto& revision : work.revisions) by_id[revision.id] = &revision;
    const std::set<std::string> selected = select(work);

    const std::string ini_folder = fs::path(work.ini).parent_path().string();
    auto units = split_by_revision(work.project->offline_sql("base", "heads"), ini_folder);
    for (auto& unit : units) {
      if (selected.count(unit.revision) == 0) continue;
      auto revision = by_id.find(unit.revision);
      if (revision != by_id.end()) unit.file = canonical_path(revision->second->file);
      if (!unit.file.empty() && excluded(unit.file)) continue;
      std::error_code ec;
      if (!unit.file.empty() && fs::is_regular_file(unit.file, ec)) {
        unit.unit.suppressions = python_suppressions(read_file(unit.file), unit.file, unit.revision);
      }
      rules::LintOptions options = settings_.rules;
      options.context.dialect = dialect;
      options.context.assume_in_transaction =
          options.context.assume_in_transaction || unit.starts_in_transaction;
      append(rules::lint(unit.unit, options));
      ++result_.units;
    }
  }

  // The revisions to report on: those asked for, limited to the ones whose file
  // changed since --base-ref and to the ones after --since.
  std::set<std::string> select(const ProjectWork& work) const {
    std::set<std::string> out;
    for (const auto& revision : work.revisions) {
      if (work.all || work.wanted.count(revision.id) != 0) out.insert(revision.id);
    }
    if (!settings_.base_ref.empty()) {
      const auto changed = files_changed_since(work.ini.parent_path(), settings_.base_ref);
      std::set<std::string> kept;
      for (const auto& revision : work.revisions) {
        if (out.count(revision.id) != 0 && changed.count(canonical_path(revision.file)) != 0) {
          kept.insert(revision.id);
        }
      }
      out = std::move(kept);
    }
    if (settings_.since.empty()) return out;
    std::set<std::string> after;  // descendants of --since, in graph order
    bool known = false;
    for (const auto& revision : work.revisions) {
      if (revision.id.rfind(settings_.since, 0) == 0) {
        known = true;
        after.insert(revision.id);
        continue;
      }
      for (const auto& parent : revision.down_revisions) {
        if (after.count(parent) != 0) after.insert(revision.id);
      }
    }
    if (!known) {
      throw model::UsageError("--since " + settings_.since + " names no revision of " +
                                  display_path(work.ini.string()),
                              "pass a revision id (or a unique prefix) from `alembic history`");
    }
    std::set<std::string> kept;
    for (const auto& id : out) {
      if (after.count(id) != 0 && id.rfind(settings_.since, 0) != 0) kept.insert(id);
    }
    return kept;
  }

  void append(std::vector<model::Finding> findings) {
    if (result_.findings.empty() && result_.findings.capacity() < findings.size()) {
      result_.findings = std::move(findings);
      return;
    }
    result_.findings.insert(result_.findings.end(), std::make_move_iterator(findings.begin()),
                            std::make_move_iterator(findings.end()));
  }

  // Shown paths relative to the current folder; a statement env.py emits before every
  // revision is reported once. Duplicates are found through indices into the findings,
  // not copies of their keys (a lint of 20,000 statements has ~15,000 findings).
  void finish() {
    auto& findings = result_.findings;
    std::string last_file;
    std::string last_shown;
    for (auto& finding : findings) {
      if (finding.location.file != last_file) {
        last_file = finding.location.file;
        last_shown = display_path(last_file);
      }
      finding.location.file = last_shown;
    }
    auto key = [](const model::Finding& f) {
      return std::tie(f.rule, f.location.file, f.location.line, f.location.column, f.message);
    };
    auto before = [&](std::size_t a, std::size_t b) { return key(findings[a]) < key(findings[b]); };
    std::set<std::size_t, decltype(before)> seen(before);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (!seen.insert(i).second) continue;
      if (kept != i) {
        // The kept finding moves down to `kept`; the set compares by index, so it now
        // names that slot.
        seen.erase(i);
        findings[kept] = std::move(findings[i]);
        seen.insert(kept);
      }
      ++kept;
    }
    findings.erase(findings.begin() + static_cast<std::ptrdiff_t>(kept), findings.end());
  }

  const Settings& settings_;
  std::vector<fs::path> sql_files_;
  std::map<std::string, ProjectWork> projects_;
  LintResult result_;
};

}  // namespace

LintResult lint_paths(const std::vector<fs::path>& paths, const Settings& settings) {
  Linter linter(settings);
  for (const auto& path : paths) linter.add(path);
  return linter.run();
}

}  // namespace migsafe::analyzer::lint
