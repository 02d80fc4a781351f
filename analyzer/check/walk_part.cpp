#include "analyzer/check/walk_part.hpp"

#include <regex>

#include "analyzer/check/check_session.hpp"
#include "analyzer/check/walk_part_codec.hpp"
#include "dbdrivers/database_url.hpp"
#include "dbdrivers/os/process_mark.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::check {
namespace {

// The database the first process made for this one; dropped by that process, not here.
class HandedDatabase : public dbdrivers::ScratchDatabase {
 public:
  explicit HandedDatabase(dbdrivers::DatabaseUrl url) : url_(std::move(url)) {}
  const dbdrivers::DatabaseUrl& url() const override { return url_; }
  std::string kind() const override { return "scratch-database"; }
  std::string server_version() const override { return ""; }

 private:
  dbdrivers::DatabaseUrl url_;
};

// migsafe writes only to databases it made: the walk-part command, run by hand with
// another URL, must not migrate that database.
void require_scratch(const dbdrivers::DatabaseUrl& url) {
  namespace fs = std::filesystem;
  const bool scratch =
      url.dialect() == model::Dialect::sqlite
          ? fs::exists(fs::path(url.database).parent_path() / dbdrivers::os::folder_mark_file)
          : std::regex_match(url.database, std::regex("migsafe_[0-9a-f]{16}"));
  if (!scratch) {
    throw model::UsageError("walk-part runs only on a scratch database migsafe made, not on " +
                                url.display(),
                            "walk-part is internal to `migsafe check`; run `migsafe check`");
  }
}

}  // namespace

std::string walk_part_json(const WalkPartRequest& request, const std::string& database_url) {
  HandedDatabase database(dbdrivers::parse_database_url(database_url));
  require_scratch(database.url());

  alembic::ProjectOptions options;
  options.url_env_var = request.url_env_var;
  options.verbose = request.verbose;
  options.step_timeout_seconds = request.timeout_seconds;
  alembic::Project project(request.project, options);
  project.set_url(database.url().to_string());

  CheckRequest check_request;
  check_request.project = request.project;
  check_request.url_env_var = request.url_env_var;
  check_request.verbose = request.verbose;
  check_request.timeout_seconds = request.timeout_seconds;
  CheckSession session(check_request, project, &database);
  return encode_walk_part(walk_chain_part(session, request.parts, request.first));
}

}  // namespace migsafe::analyzer::check
