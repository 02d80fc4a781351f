#include "analyzer/lint/lint_paths.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "analyzer/alembic/model_schema.hpp"
#include "analyzer/alembic/project.hpp"
#include "analyzer/display_path.hpp"
#include "analyzer/expand_contract/edited_revision.hpp"
#include "analyzer/expand_contract/static_judge.hpp"
#include "analyzer/lint/git_changes.hpp"
#include "analyzer/lint/bookkeeping.hpp"
#include "analyzer/lint/exclude.hpp"
#include "analyzer/lint/finding_stream.hpp"
#include "analyzer/lint/in_order.hpp"
#include "analyzer/lint/path_checks.hpp"
#include "analyzer/lint/python_ignores.hpp"
#include "analyzer/lint/read_file.hpp"
#include "analyzer/lint/revision_units.hpp"
#include "analyzer/new_revisions.hpp"
#include "model/dialect.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"
#include "rules/schema_state.hpp"
#include "rules/suppression.hpp"

namespace migsafe::analyzer::lint {

namespace fs = std::filesystem;

namespace {

// An Alembic project and the revisions asked for in it.
struct ProjectWork {
  fs::path ini;
  std::unique_ptr<alembic::Project> owned;  // opened here; null for an adopted one
  alembic::Project* project = nullptr;
  std::vector<alembic::Revision> revisions;
  bool all = false;
  std::set<std::string> wanted;  // revision ids
  const RanStatements* ran = nullptr;  // what ran on a database, for an adopted project
  // The work tree's models, for expand-contract's static part; null when not judged.
  std::shared_ptr<const model::Schema> models;
};

// A revision's SQL, ready to lint, or the warning that it could not be rendered.
struct ProjectUnit {
  rules::LintUnit unit;
  rules::LintOptions options;
  std::optional<model::Finding> unrendered;
  // Not asked for (--since, --base-ref, an excluded file): only moves the project's
  // schema on, so the revisions after it know what it made.
  bool report = true;
  std::shared_ptr<rules::SchemaState> schema;  // the project's, shared by its units
  std::shared_ptr<const model::Schema> models;  // ProjectWork::models
  // Judged against them (expand-contract's static part): a revision named by its file
  // (the pre-commit hook's staged ones) or by --since/--base-ref, never the whole
  // history against today's models.
  bool judged = false;
};

// A path that is a symbolic link going nowhere or in a loop is named as such, not as
// missing (or as an internal error).
void refuse_broken_link(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return;
  (void)fs::status(path, ec);  // only its error: does the link loop?
  const bool loops = ec == std::errc::too_many_symbolic_link_levels;
  std::error_code read_error;
  const fs::path target = fs::read_symlink(path, read_error);
  throw model::InputError(
      path.string() + " is a symbolic link " +
          (loops ? "that loops (it leads back to itself)" : "to " + target.string() + ", which does not exist"),
      "point the link at the real file or remove it");
}

// How many .sql units are left to lint per shown path.
using UnitsLeft = std::map<std::string, std::size_t>;

}  // namespace

class LintRun::Linter {
 public:
  explicit Linter(const Settings& settings) : settings_(settings) {}

  // Lints every revision of a project someone else opened (the check session's).
  void adopt(alembic::Project& project, const RanStatements* ran) {
    ProjectWork work;
    work.ran = ran;
    work.ini = canonical_path(project.ini_path());
    work.project = &project;
    work.revisions = project.revisions();
    work.all = true;
    projects_.emplace(work.ini.string(), std::move(work));
  }

  // `status` is the path's, stat'ed beforehand (statuses_of).
  void add(const fs::path& path, const fs::file_status& status) {
    std::error_code ec;
    if (!fs::exists(status)) {
      refuse_broken_link(path);
      throw model::InputError(path.string() + " does not exist",
                              "pass a .sql file, a migration .py file, or an Alembic project folder");
    }
    if (fs::is_directory(status)) {
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

  // Everything that can fail on bad input, done before any finding goes out: every .sql
  // file opens, and every project's SQL is generated (Python runs there), so a report
  // is not left half printed.
  void prepare() {
    check_all_readable(sql_files_, settings_.max_file_bytes);
    for (auto& [ini, work] : projects_) prepare_project(work);
  }

  const std::vector<std::string>& notes() const { return notes_; }

  int run(const rules::FindingSink& sink) {
    FindingStream stream(sink);
    lint_sql_files(stream);
    for (model::Finding& finding : edited_) stream.add(std::move(finding));
    for (ProjectUnit& unit : project_units_) {
      if (unit.unrendered) stream.add(std::move(*unit.unrendered));
      if (!unit.report) {
        rules::advance_schema(unit.unit, unit.options, *unit.schema);
      } else {
        if (unit.models && unit.judged) {
          for (model::Finding& f : expand_contract::judge_statements(unit.unit, *unit.models, order())) {
            stream.add(std::move(f));
          }
        }
        // Dropping what no model maps any more is the safe contract step; in migrate-first
        // the old code's models, which lint has not, would have to agree.
        const bool contract_known =
            unit.models && order() == expand_contract::DeployOrder::code_first;
        rules::lint(unit.unit, unit.options, *unit.schema, [&](model::Finding&& f) {
          if (contract_known && expand_contract::is_contract_step(f, {unit.models.get()})) return;
          stream.add(std::move(f));
        });
        ++units_;
      }
      unit = {};  // its SQL is no longer needed
    }
    return units_;
  }

 private:
  expand_contract::DeployOrder order() const {
    return expand_contract::parse_deploy_order(settings_.deploy_order)
        .value_or(expand_contract::DeployOrder::code_first);
  }

  // The work tree's models for expand-contract's static part, or null (none, or they do
  // not import: a note, and the rest of the lint goes on).
  std::shared_ptr<const model::Schema> models_of(ProjectWork& work, rules::Dialect dialect,
                                                 const std::string& offline_url) {
    if (!settings_.judge_models || !work.owned) return nullptr;
    try {
      work.project->set_offline_url(offline_url);
      if (!work.project->has_models(std::string(model::dialect_name(dialect)))) return nullptr;
      return std::make_shared<const model::Schema>(
          alembic::export_model_schema(*work.project, "", dialect));
    } catch (const model::InputError& error) {
      notes_.push_back("the models of " + display_path(work.ini.string()) +
                       " could not be read, so drops and renames were not judged against them: " +
                       error.what());
      return nullptr;
    }
  }

  bool excluded(const fs::path& path) const {
    return is_excluded(path, settings_.exclude, settings_.exclude_base);
  }

  void add_sql_folder(const fs::path& folder) {
    std::vector<fs::path> found;
    std::error_code ec;
    // Links to folders are not followed (no loop through them); a link that loops or
    // points nowhere, named .sql, is refused by name.
    for (fs::recursive_directory_iterator entry(folder, ec), end; entry != end; entry.increment(ec)) {
      if (ec) break;
      if (entry->path().extension() != ".sql") continue;
      std::error_code kind;
      if (entry->is_regular_file(kind)) {
        found.push_back(entry->path());
      } else if (kind || entry->is_symlink(kind)) {
        refuse_broken_link(entry->path());
      }
    }
    if (ec) {
      throw model::InputError("cannot list " + folder.string() + ": " + ec.message(),
                              "check the folder's permissions");
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
    work.owned = std::make_unique<alembic::Project>(work.ini, options);
    work.project = work.owned.get();
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
    notes_.push_back("skipped " + file.string() + ": not a revision of " + looked_in.front());
  }

  void lint_sql_file(const fs::path& file, const rules::FindingSink& sink) const {
    rules::LintOptions options = settings_.rules;
    if (settings_.dialect) options.context.dialect = *settings_.dialect;
    options.skip_statement = [](const rules::sql::Statement& s) { return is_bookkeeping(s); };
    rules::LintUnit unit;
    rules::Piece piece;
    piece.sql = read_file(file, settings_.max_file_bytes);
    piece.origin.file = file.string();
    piece.origin.line = 1;
    piece.origin.column = 1;
    unit.pieces.push_back(std::move(piece));
    rules::lint(unit, options, sink);
  }

  // .sql files are independent units, linted on two threads with their findings going
  // out in the order the files were named. A file that cannot be read fails the run as
  // it did when linted one by one: the first such file in that order.
  void lint_sql_files(FindingStream& stream) {
    // Repeats are only found within a shown path; once a path's last unit is done (and
    // no project follows, whose files are not known yet) its findings are forgotten.
    UnitsLeft left;
    std::vector<std::string> shown;
    shown.reserve(sql_files_.size());
    for (const auto& file : sql_files_) ++left[shown.emplace_back(display_path(file.string()))];
    lint_in_order(
        sql_files_.size(), sql_window,
        [&](std::size_t i, const rules::FindingSink& sink) { lint_sql_file(sql_files_[i], sink); },
        [&](std::size_t i) {
          ++units_;
          if (--left[shown[i]] == 0 && project_units_.empty()) stream.forget(shown[i]);
        },
        [&](model::Finding&& f) { stream.add(std::move(f)); });
  }

  void prepare_project(ProjectWork& work) {
    if (!work.all && work.wanted.empty()) return;
    // Offline SQL follows the URL env.py is shown, given to offline_sql() for that run
    // only: an adopted project keeps the URL its owner set. No connection is made.
    rules::Dialect dialect = rules::Dialect::postgresql;
    std::string offline_url = "postgresql://";
    if (settings_.dialect) {
      dialect = *settings_.dialect;
      offline_url = std::string(model::dialect_name(dialect)) + "://";
    } else if (const std::string url = work.project->configured_url(); !url.empty()) {
      // Any URL but a SQLite one (a mistyped or placeholder one too) lints as PostgreSQL.
      dialect = model::dialect_of_url(url).value_or(rules::Dialect::postgresql);
      offline_url = url;
    }

    std::map<std::string, const alembic::Revision*> by_id;
    for (const auto& revision : work.revisions) by_id[revision.id] = &revision;
    const std::set<std::string> selected = select(work);

    const std::string ini_folder = fs::path(work.ini).parent_path().string();
    // A revision that cannot render offline stops nothing: it is one warning, and every
    // other revision is linted.
    alembic::OfflineRender render = statements_of(work, dialect, offline_url);
    work.models = models_of(work, dialect, offline_url);
    if (!settings_.base_ref.empty()) {
      for (const auto& revision :
           edited_revisions(work.revisions, work.ini.parent_path(), settings_.base_ref)) {
        if (selected.count(revision.id) == 0) continue;
        edited_.push_back(expand_contract::edited_revision_finding(revision, settings_.base_ref,
                                                                   settings_.deploy_order));
      }
    }
    const std::set<std::string> executed = revisions_that_ran(work);
    std::map<std::string, const alembic::UnrenderedRevision*> unrendered;
    for (const auto& revision : render.unrendered) unrendered[revision.revision] = &revision;
    auto units = split_by_revision(render.statements, ini_folder);
    for (const auto& revision : render.unrendered) {
      const bool has_unit = std::any_of(units.begin(), units.end(),
                                        [&](const auto& u) { return u.revision == revision.revision; });
      if (!has_unit) {
        RevisionUnit empty;
        empty.revision = revision.revision;
        units.push_back(std::move(empty));
      }
    }
    // The revisions run in order on one simulated schema (rules/schema_state.hpp).
    auto schema = std::make_shared<rules::SchemaState>();
    for (auto& unit : units) {
      auto revision = by_id.find(unit.revision);
      if (revision != by_id.end()) unit.file = canonical_path(revision->second->file);
      const bool report = selected.count(unit.revision) != 0 &&
                          (unit.file.empty() || !excluded(unit.file));
      std::error_code ec;
      std::vector<rules::Suppression> suppressions;
      if (!unit.file.empty() && fs::is_regular_file(unit.file, ec)) {
        suppressions = python_suppressions(read_file(unit.file), unit.file, unit.revision);
      }
      rules::LintOptions options = settings_.rules;
      options.context.dialect = dialect;
      if (executed.count(unit.revision) != 0) options.source = rules::SqlSource::executed;
      options.context.assume_in_transaction =
          options.context.assume_in_transaction || unit.starts_in_transaction;
      const bool named = !work.all || !settings_.since.empty() || !settings_.base_ref.empty();
      ProjectUnit project_unit{std::move(unit.unit), std::move(options), std::nullopt, report,
                               schema, work.models, report && named};
      auto failed = unrendered.find(unit.revision);
      if (!report) {
        project_unit.unit.suppressions.clear();
      } else if (failed != unrendered.end()) {
        // Nothing of it was linted: its ignores are neither used nor unused.
        project_unit.unit = {};
        project_unit.unrendered = unrendered_warning(*failed->second, suppressions);
      } else {
        project_unit.unit.suppressions = std::move(suppressions);
      }
      project_units_.push_back(std::move(project_unit));
    }
  }

  // The revisions whose statements the database ran: what it ran is valid in its dialect
  // whatever PostgreSQL's grammar says (rules::SqlSource); a statement it rejected is
  // the upgrade's finding.
  static std::set<std::string> revisions_that_ran(const ProjectWork& work) {
    std::set<std::string> ran;
    if (work.ran == nullptr) return ran;
    for (const auto& statement : work.ran->statements) ran.insert(statement.revision);
    return ran;
  }

  // What to lint: the statements that ran, for the revisions that ran; offline SQL for
  // the others (a run that stopped at a failing revision did not reach them).
  alembic::OfflineRender statements_of(const ProjectWork& work, rules::Dialect& dialect,
                                       const std::string& offline_url) const {
    if (work.ran == nullptr) return work.project->render_offline("base", "heads", offline_url);
    dialect = work.ran->dialect;
    alembic::OfflineRender render;
    render.statements = work.ran->statements;
    const std::set<std::string> ran = revisions_that_ran(work);
    const bool all_ran = std::all_of(work.revisions.begin(), work.revisions.end(),
                                     [&](const auto& r) { return ran.count(r.id) != 0; });
    if (all_ran) return render;
    alembic::OfflineRender offline = work.project->render_offline(
        "base", "heads", std::string(model::dialect_name(dialect)) + "://");
    for (auto& statement : offline.statements) {
      if (!statement.revision.empty() && ran.count(statement.revision) == 0) {
        render.statements.push_back(std::move(statement));
      }
    }
    for (auto& revision : offline.unrendered) {
      if (ran.count(revision.revision) == 0) render.unrendered.push_back(std::move(revision));
    }
    return render;
  }

  // The warning for a revision whose code raised in offline mode, unless an ignore on
  // its line silences it or the configuration turns it off.
  std::optional<model::Finding> unrendered_warning(
      const alembic::UnrenderedRevision& revision,
      const std::vector<rules::Suppression>& suppressions) const {
    const std::string id(rules::unrendered_revision_id);
    if (settings_.rules.disabled.count(id) != 0) return std::nullopt;
    if (!settings_.rules.enabled.empty() && settings_.rules.enabled.count(id) == 0) {
      return std::nullopt;
    }
    model::Finding finding;
    finding.check = "lint";
    finding.proven = false;
    finding.rule = id;
    const auto severity = settings_.rules.severity.find(id);
    finding.severity = severity == settings_.rules.severity.end() ? model::Severity::warning
                                                                  : severity->second;
    finding.message = "revision " + revision.revision +
                      " cannot be rendered as SQL without a database (" + revision.reason +
                      "), so its statements were not linted";
    finding.help =
        "`migsafe check` lints the statements it runs on a scratch database; code that reads "
        "the database can skip offline mode with `if not context.is_offline_mode():`";
    finding.location.file = revision.file;
    finding.location.line = revision.line;
    finding.location.revision = revision.revision;
    auto kept = rules::apply_suppressions({finding}, suppressions,
                                          [&](std::string_view rule) { return rule == id; });
    if (kept.empty() || kept.front().rule != id) return std::nullopt;
    return kept.front();
  }

  // The revisions to report on: those asked for, limited to the ones whose file
  // changed since --base-ref and to the ones after --since.
  std::set<std::string> select(const ProjectWork& work) const {
    const std::set<std::string> fresh = new_revisions(
        work.revisions, work.ini.parent_path(), {settings_.since, settings_.base_ref});
    std::set<std::string> out;
    for (const auto& revision : work.revisions) {
      if ((work.all || work.wanted.count(revision.id) != 0) && fresh.count(revision.id) != 0) {
        out.insert(revision.id);
      }
    }
    return out;
  }

  // .sql files linted ahead of the one being reported: enough to keep both threads busy
  // on files of uneven size, few enough that their findings stay small.
  static constexpr std::size_t sql_window = 8;

  const Settings settings_;  // a copy: a LintRun may outlive the settings it was made with
  std::vector<fs::path> sql_files_;
  std::map<std::string, ProjectWork> projects_;
  std::vector<ProjectUnit> project_units_;
  std::vector<std::string> notes_;
  std::vector<model::Finding> edited_;  // revisions edited since --base-ref
  int units_ = 0;
};

LintRun::LintRun(const std::vector<fs::path>& paths, const Settings& settings)
    : linter_(std::make_unique<Linter>(settings)) {
  const std::vector<fs::file_status> statuses = statuses_of(paths);
  for (std::size_t i = 0; i < paths.size(); ++i) linter_->add(paths[i], statuses[i]);
  linter_->prepare();
}

LintRun::LintRun(alembic::Project& project, const Settings& settings, const RanStatements* ran)
    : linter_(std::make_unique<Linter>(settings)) {
  linter_->adopt(project, ran);
  linter_->prepare();
}

LintRun::~LintRun() = default;

const std::vector<std::string>& LintRun::notes() const { return linter_->notes(); }

int LintRun::run(const rules::FindingSink& sink) { return linter_->run(sink); }

namespace {

LintResult collect(LintRun& run) {
  LintResult result;
  result.notes = run.notes();
  result.units = run.run([&](model::Finding&& f) { result.findings.push_back(std::move(f)); });
  return result;
}

}  // namespace

LintResult lint_paths(const std::vector<fs::path>& paths, const Settings& settings) {
  LintRun run(paths, settings);
  return collect(run);
}

LintResult lint_project(alembic::Project& project, const Settings& settings,
                        const RanStatements* ran) {
  LintRun run(project, settings, ran);
  return collect(run);
}

}  // namespace migsafe::analyzer::lint
