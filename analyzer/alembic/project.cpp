#include "analyzer/alembic/project.hpp"

#include <optional>
#include <stdexcept>
#include <system_error>

#include "analyzer/alembic/bridge_replies.hpp"
#include "analyzer/alembic/interpreter.hpp"
#include "analyzer/alembic/python_errors.hpp"
#include "analyzer/alembic/python_library.hpp"
#include "model/dialect.hpp"

namespace migsafe::analyzer::alembic {

namespace fs = std::filesystem;

// The Python half lives in libmigsafe_python.so (python/api.hpp): the first Project
// loads it and starts the interpreter.
struct Project::Impl {
  fs::path ini;
  ProjectOptions options;
  std::unique_ptr<python::Session> session;  // migsafe_bridge.session.Session
  bool url_set = false;

  // Runs one call into the bridge, turning Python errors into migsafe's. Every verb goes
  // through here.
  template <class Call>
  auto run(const std::string& what, Call&& call) const -> decltype(call()) {
    if (!interpreter_started()) {
      throw std::logic_error("Project used after stop_interpreter(): " + what);
    }
    try {
      return call();
    } catch (const python::PythonError& error) {
      throw_migsafe_error(error, what);
    }
  }

  void require_url(const std::string& verb) const {
    if (!url_set) {
      throw model::UsageError(
          verb + " needs a scratch database: call set_url() first",
          "migsafe never runs migrations against the database the project is configured for");
    }
  }
};

namespace {

fs::path find_ini(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  const fs::path ini = fs::is_directory(absolute, ec) ? absolute / "alembic.ini" : absolute;
  if (!fs::is_regular_file(ini, ec)) {
    throw model::InputError("no alembic.ini in " + path.string(),
                            "pass the folder that holds alembic.ini, or the .ini file");
  }
  return ini;
}

// "postgresql" (or "postgres") -> "postgresql://": offline mode only needs the dialect.
std::string dialect_url(const std::string& dialect) {
  if (dialect.empty() || dialect.find("://") != std::string::npos) return dialect;
  const std::optional<model::Dialect> parsed = model::parse_dialect(dialect);
  return (parsed ? std::string(model::dialect_name(*parsed)) : dialect) + "://";
}

}  // namespace

Project::Project(const fs::path& path, ProjectOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->ini = find_ini(path);
  impl_->options = std::move(options);
  start_interpreter();
  impl_->session = impl_->run("loading " + impl_->ini.string(), [&] {
    return python_library().open_session(impl_->ini.string(), impl_->options.url_env_var,
                                         impl_->options.verbose,
                                         impl_->options.step_timeout_seconds);
  });
}

Project::~Project() = default;

const fs::path& Project::ini_path() const { return impl_->ini; }

fs::path Project::folder() const { return impl_->ini.parent_path(); }

std::string Project::configured_url() const {
  return impl_->run("reading sqlalchemy.url", [&] { return impl_->session->configured_url(); });
}

void Project::set_url(const std::string& sqlalchemy_url) {
  impl_->run("setting the database URL",
             [&] { impl_->session->use_database(sqlalchemy_url, true); });
  impl_->url_set = true;
}

void Project::set_offline_url(const std::string& sqlalchemy_url) {
  impl_->run("setting the database URL",
             [&] { impl_->session->use_database(sqlalchemy_url, false); });
  impl_->url_set = false;
}

std::vector<std::string> Project::heads() const {
  return impl_->run("reading the heads", [&] { return replies::heads(impl_->session->heads()); });
}

std::vector<Revision> Project::revisions() const {
  return impl_->run("reading the revisions",
                    [&] { return replies::revisions(impl_->session->revisions()); });
}

std::vector<std::string> Project::current() const {
  return impl_->run("reading the current revision",
                    [&] { return replies::current(impl_->session->current()); });
}

void Project::upgrade(const std::string& target) {
  impl_->require_url("upgrade");
  impl_->run("upgrade " + target, [&] { impl_->session->upgrade(target); });
}

void Project::downgrade(const std::string& target) {
  impl_->require_url("downgrade");
  impl_->run("downgrade " + target, [&] { impl_->session->downgrade(target); });
}

void Project::stamp(const std::string& target) {
  impl_->require_url("stamp");
  impl_->run("stamp " + target, [&] { impl_->session->stamp(target); });
}

void Project::stamp(const std::vector<std::string>& targets) {
  impl_->require_url("stamp");
  std::string joined;
  for (const std::string& target : targets) joined += (joined.empty() ? "" : " ") + target;
  impl_->run("stamp " + joined, [&] { impl_->session->stamp(targets); });
}

void Project::replay(const std::string& target, const std::vector<std::string>& parents,
                     const std::string& then) {
  impl_->require_url("replay");
  impl_->run("replay " + target, [&] { impl_->session->replay(target, parents, then); });
}

void Project::downgrade_one(const std::string& revision) {
  impl_->require_url("downgrade");
  impl_->run("downgrade " + revision, [&] { impl_->session->downgrade_one(revision); });
}

void Project::start_recording() {
  impl_->run("recording", [&] { impl_->session->start_recording(); });
}

std::vector<EmittedStatement> Project::take_recorded() {
  return impl_->run("reading what ran",
                    [&] { return replies::statements(impl_->session->take_recorded()); });
}

OfflineRender Project::render_offline(const std::string& from, const std::string& to,
                                     const std::string& dialect) const {
  return impl_->run("offline SQL " + from + ":" + to, [&] {
    return replies::offline_render(
        impl_->session->offline_sql(from, to, dialect_url(dialect), /*keep_going=*/true));
  });
}

std::vector<EmittedStatement> Project::offline_sql(const std::string& from, const std::string& to,
                                                   const std::string& dialect) const {
  return impl_->run("offline SQL " + from + ":" + to, [&] {
    return replies::statements(
        impl_->session->offline_sql(from, to, dialect_url(dialect), /*keep_going=*/false));
  });
}

void Project::run_seed(const std::string& spec) {
  impl_->require_url("seed");
  impl_->run("seed " + spec, [&] { impl_->session->run_seed(spec); });
}

ProjectSettings Project::settings() const {
  return impl_->run("reading env.py's settings",
                    [&] { return replies::settings(impl_->session->settings()); });
}

bool Project::has_models(const std::string& dialect) const {
  return impl_->run("looking for the models", [&] {
    return replies::flag(impl_->session->has_models(dialect), "has_models");
  });
}

bool Project::prepare_model_export(const std::string& request) const {
  return impl_->run("exporting the models",
                    [&] { return replies::flag(impl_->session->prepare_export(request), "kept"); });
}

std::string Project::export_models(const std::string& request) const {
  return impl_->run("exporting the models", [&] { return impl_->session->export_models(request); });
}

}  // namespace migsafe::analyzer::alembic
