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
  operation,      // an op.* call in a revision: file/line/column point at the call
  transaction,    // BEGIN or COMMIT: Alembic's transaction per run or per migration
                  // (line 0), or an autocommit_block() (file/line: the `with` statement)
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

struct ProjectOptions {
  // Environment variable that also carries the scratch URL to env.py; empty: none.
  std::string url_env_var = "DATABASE_URL";
  // Alembic's INFO log and output printed by env.py go to stderr; otherwise they are
  // dropped (stdout may be JSON).
  bool verbose = false;
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

  // SQL the revisions in (from, to] emit in offline mode; from "base" (or "") for all.
  // `dialect` picks the SQL dialect: "postgresql", "sqlite" or a URL; empty: the URL of
  // set_url(), else the configured one. Opens no database connection. env.py's own
  // context.configure() options (literal_binds, transaction_per_migration) apply.
  std::vector<EmittedStatement> offline_sql(const std::string& from, const std::string& to,
                                            const std::string& dialect = "") const;

  // Calls the project's seed "package.module:function" with the current URL.
  void run_seed(const std::string& spec);

  // Calls `<module>.<function>(alembic_config, argument)` of a module bundled with
  // migsafe (analyzer/alembic/<module>.py; "model_export" and "migsafe_model_export"
  // both name it) and returns str() of its result. The URL of set_url() is in the
  // config and the environment as for every verb. A Python exception becomes
  // model::InputError naming the file and line it came from. The config carries the
  // session in config.attributes["migsafe_session"]; migsafe_bridge.env_context_options
  // (config) returns what env.py passes to context.configure() (target_metadata, ...).
  std::string call_bridge(const std::string& module, const std::string& function,
                          const std::string& argument) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace migsafe::analyzer::alembic
