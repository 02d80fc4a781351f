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

// A statement a revision emits in Alembic's offline (--sql) mode, mapped to the
// op.* call in the revision file that emitted it.
struct EmittedStatement {
  std::string sql;
  std::string revision;
  std::string file;
  int line = 0;
};

// A migration raised while it ran. Checks turn it into a finding; it names the
// revision, the file and line of the failing op.* call, the statement and the
// database's own error text.
class MigrationError : public model::Error {
 public:
  MigrationError(const std::string& what, std::string revision, std::string file, int line,
                 std::string statement, std::string database_error)
      : model::Error(what),
        revision(std::move(revision)),
        file(std::move(file)),
        line(line),
        statement(std::move(statement)),
        database_error(std::move(database_error)) {}

  std::string revision;
  std::string file;
  int line = 0;
  std::string statement;
  std::string database_error;
};

struct ProjectOptions {
  // Environment variable that also carries the scratch URL to env.py.
  std::string url_env_var = "DATABASE_URL";
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
  std::string configured_url() const;  // sqlalchemy.url from the ini, may be empty

  // Points every following verb at a database: it reaches env.py both as the
  // config's sqlalchemy.url and as the environment variable of ProjectOptions.
  void set_url(const std::string& sqlalchemy_url);

  std::vector<std::string> heads() const;
  std::vector<Revision> revisions() const;  // bases first, every parent before its child
  std::vector<std::string> current() const;
  void upgrade(const std::string& target);
  void downgrade(const std::string& target);
  void stamp(const std::string& target);

  // SQL the revisions in (from, to] emit in offline mode; from "base" for all.
  std::vector<EmittedStatement> offline_sql(const std::string& from, const std::string& to) const;

  // Calls the project's seed "package.module:function" with the current URL.
  void run_seed(const std::string& spec);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace migsafe::analyzer::alembic
