#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::alembic {

struct Revision {
  std::string id;
  std::vector<std::string> down_revisions;  // empty for a base revision
  std::string file;                         // absolute path of the revision file
  int upgrade_line = 0;                     // line of `def upgrade`
  int downgrade_line = 0;                   // line of `def downgrade`
  std::string message;                      // the revision's docstring title
};

// Where a statement of Alembic's offline output came from.
enum class StatementKind {
  operation,      // an op.* call in a revision: file/line/column point at the call; a
                  // COMMIT the revision runs itself (op.execute) is one
  transaction,    // BEGIN or COMMIT of Alembic's own: its transaction per run or per
                  // migration (line 0), or an autocommit_block() (file/line: the `with`)
  version_table,  // Alembic's alembic_version bookkeeping (CREATE/INSERT/UPDATE/DROP; line 0)
  environment,    // emitted by env.py itself (context.execute): file/line in env.py
};

// A statement a revision emits in Alembic's offline (--sql) mode, mapped to the
// op.* call in the revision file that emitted it.
struct EmittedStatement {
  std::string sql;       // as Alembic prints it, terminated by ";"
  std::string revision;  // the revision being run; for transaction and version_table
                         // statements the step they belong to, "" outside any step
  std::string file;      // absolute path; for line 0 the revision's file ("" outside a step)
  int line = 0;          // 1-based, 0 when no file line applies
  int column = 0;        // 1-based column of the op.* call, 0 when unknown
  StatementKind kind = StatementKind::operation;
};

// A revision whose code raised in offline mode (it reads the database through
// op.get_bind(), say): no SQL could be rendered for it.
struct UnrenderedRevision {
  std::string revision;
  std::string file;  // absolute path
  int line = 0;      // the deepest line of the revision file in the traceback, 0 if none
  std::string reason;  // "AttributeError: 'NoneType' object has no attribute 'fetchall'"
};

// Offline SQL of a run that went on past revisions that cannot render.
struct OfflineRender {
  std::vector<EmittedStatement> statements;
  std::vector<UnrenderedRevision> unrendered;
};

// A migration raised while it ran. Checks turn it into a finding; it names the
// revision, the file and line of the failing op.* call, the statement and the
// database's own error text.
class MigrationError : public model::Error {
 public:
  MigrationError(const std::string& what, std::string revision, std::string file, int line,
                 std::string statement, std::string database_error, int column = 0)
      : model::Error(what),
        revision(std::move(revision)),
        file(std::move(file)),
        line(line),
        statement(std::move(statement)),
        database_error(std::move(database_error)),
        column(column) {}

  std::string revision;
  std::string file;            // absolute path of the revision file
  int line = 0;                // the op.* call (deepest frame in the revision file)
  std::string statement;       // the SQL the database rejected, "" for a Python error
  std::string database_error;  // first line of the driver's message, "" for a Python error
  int column = 0;              // 1-based column of the call, 0 when unknown
};

// What the project configures, as Alembic and env.py see it.
struct ProjectSettings {
  std::string configured_url;        // sqlalchemy.url from the ini, may be empty
  std::string script_location;       // absolute unless a package resource
  std::string version_table;         // context.configure(version_table=...), else alembic_version
  std::string version_table_schema;  // context.configure(version_table_schema=...), may be empty
};

struct ProjectOptions {
  // Environment variable that also carries the scratch URL to env.py; empty: none.
  std::string url_env_var = "DATABASE_URL";
  // Alembic's INFO log and output printed by env.py go to stderr; otherwise they are
  // dropped (stdout may be JSON).
  bool verbose = false;
  // Seconds one migration step (a revision's upgrade or downgrade) may run on the
  // scratch database before it is stopped and reported; 0: no limit.
  double step_timeout_seconds = 1800;
};

// An Alembic project driven through Alembic's programmatic API in the embedded
// interpreter (never a subprocess). Errors that stop it from running at all (no
// alembic.ini, a revision that does not import, an env.py that raises) are
// model::InputError naming the file and line; a failing migration is MigrationError.
class Project {
 public:
  // `path` is a folder holding alembic.ini, or the .ini file itself.
  Project(const std::filesystem::path& path, ProjectOptions options = {});
  ~Project();
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  const std::filesystem::path& ini_path() const;
  std::filesystem::path folder() const;  // the folder of alembic.ini
  std::string configured_url() const;    // sqlalchemy.url from the ini, may be empty

  // Points every following verb at a database migsafe made (a scratch database): it
  // reaches env.py both as the config's sqlalchemy.url and as the environment variable
  // of ProjectOptions, and it is the only database the embedded Python may connect to
  // (analyzer/alembic/connections.py): a connection anywhere else stops the verb with
  // model::InputError. upgrade/downgrade/stamp/run_seed refuse to run before it was
  // called (model::UsageError): migsafe never migrates the project's configured database.
  void set_url(const std::string& sqlalchemy_url);

  // Shows env.py a URL for its dialect only (offline SQL, model export against a user's
  // database): every connection the embedded Python opens is refused.
  void set_offline_url(const std::string& sqlalchemy_url);

  std::vector<std::string> heads() const;
  std::vector<Revision> revisions() const;  // bases first, every parent before its child
  std::vector<std::string> current() const;
  void upgrade(const std::string& target);
  void downgrade(const std::string& target);
  void stamp(const std::string& target);
  void stamp(const std::vector<std::string>& targets);  // several heads at once
  // Runs `target` again over itself: stamps its parents (base when none) and upgrades to
  // it, in one run of env.py where Alembic allows (one connection; one transaction when
  // env.py opens one for the run, so a failure leaves the database as it was).
  // `then`, when not empty, is upgraded to next in the same run (a walk up the chain).
  void replay(const std::string& target, const std::vector<std::string>& parents,
              const std::string& then = "");
  // Runs the downgrade() of `revision`, which must be applied and a head, and nothing
  // else: other branches stay applied (`downgrade <parent>` would take down a sibling
  // branch grown from the same parent).
  void downgrade_one(const std::string& revision);

  // Every statement the verbs after start_recording() run on the database, with the
  // op.* call of the revision that ran it, as offline_sql() describes them: what really
  // ran, data migrations included. take_recorded() hands them over and stops.
  void start_recording();
  std::vector<EmittedStatement> take_recorded();

  // SQL the revisions in (from, to] emit in offline mode; from "base" (or "") for all.
  // `dialect` picks the SQL dialect: "postgresql", "sqlite" or a URL; empty: the URL of
  // set_url(), else the configured one. Opens no database connection. env.py's own
  // context.configure() options (literal_binds, transaction_per_migration) apply.
  std::vector<EmittedStatement> offline_sql(const std::string& from, const std::string& to,
                                            const std::string& dialect = "") const;
  // The same, except that a revision whose code raises is listed in `unrendered` (its
  // statements left out) and the revisions after it are still rendered: lint checks
  // every revision that can be rendered.
  OfflineRender render_offline(const std::string& from, const std::string& to,
                               const std::string& dialect = "") const;

  // Calls the project's seed "package.module:function" with the current URL.
  void run_seed(const std::string& spec);

  // Runs env.py offline once to read what it configures (cached by the bridge).
  ProjectSettings settings() const;

  // Whether env.py hands Alembic a target_metadata ("postgresql" or "sqlite" picks the
  // dialect when no URL is set): projects without autogenerate have no models.
  bool has_models(const std::string& dialect) const;

  // The models' schema export (docs/bridge.md, "export_models"): `request` is its JSON
  // request, the answer its JSON reply, parsed by analyzer/alembic/model_schema.cpp.
  // prepare_model_export() does the work ahead (while migsafe reflects the database
  // on another thread) and says whether it kept it; it never throws for the project's
  // errors, which export_models() then reports as model::InputError.
  bool prepare_model_export(const std::string& request) const;
  std::string export_models(const std::string& request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace migsafe::analyzer::alembic
