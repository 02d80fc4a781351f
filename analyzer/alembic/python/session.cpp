// The Session of api.hpp over pybind11, and the table libmigsafe_python.so exports.
#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <utility>

#include "analyzer/alembic/python/api.hpp"
#include "analyzer/alembic/python/interpreter.hpp"

namespace migsafe::analyzer::alembic::python {

namespace py = pybind11;

namespace {

// Call it inside the catch block of a Python exception, holding the GIL: the bridge's
// own errors (migsafe_bridge.errors.BridgeError) say what kind of error they are.
PythonError python_error(py::error_already_set& error) {
  const py::object bridge_error = py::module_::import("migsafe_bridge.errors").attr("BridgeError");
  if (!error.matches(bridge_error)) return PythonError(error.what(), "");
  return PythonError(error.what(), error.value().attr("to_json")().cast<std::string>());
}

// Runs `call` with the GIL held, turning a Python exception into PythonError.
template <class Call>
auto with_gil(Call&& call) -> decltype(call()) {
  py::gil_scoped_acquire gil;
  try {
    return call();
  } catch (py::error_already_set& error) {
    throw python_error(error);
  }
}

class BridgeSession final : public Session {
 public:
  explicit BridgeSession(py::object session) : session_(std::move(session)) {}

  ~BridgeSession() override {
    if (!interpreter_started()) {
      session_.release();  // Python is gone: nothing left to free
      return;
    }
    py::gil_scoped_acquire gil;
    session_ = py::object();
  }

  BridgeSession(const BridgeSession&) = delete;
  BridgeSession& operator=(const BridgeSession&) = delete;

  std::string configured_url() const override {
    return with_gil([&] { return session_.attr("configured_url").cast<std::string>(); });
  }
  void use_database(const std::string& url, bool scratch) override {
    with_gil([&] { session_.attr("use_database")(url, scratch); });
  }
  std::string heads() const override { return reply("heads"); }
  std::string revisions() const override { return reply("revisions"); }
  std::string current() const override { return reply("current"); }
  void upgrade(const std::string& target) override { run("upgrade", target); }
  void downgrade(const std::string& target) override { run("downgrade", target); }
  void stamp(const std::string& target) override { run("stamp", target); }
  void stamp(const std::vector<std::string>& targets) override {
    with_gil([&] { session_.attr("stamp")(py::cast(targets)); });
  }
  void replay(const std::string& target, const std::vector<std::string>& parents,
              const std::string& then) override {
    with_gil([&] { session_.attr("replay")(target, py::cast(parents), then); });
  }
  void downgrade_one(const std::string& revision) override { run("downgrade_one", revision); }
  void start_recording() override {
    with_gil([&] { session_.attr("start_recording")(); });
  }
  std::string take_recorded() override { return reply("take_recorded"); }
  std::string offline_sql(const std::string& from, const std::string& to,
                          const std::string& dialect_url, bool keep_going) const override {
    return reply("offline_sql", from, to, dialect_url, keep_going);
  }
  void run_seed(const std::string& spec) override { run("run_seed", spec); }
  std::string settings() const override { return reply("settings"); }
  std::string has_models(const std::string& dialect) const override {
    return reply("has_models", dialect);
  }
  std::string prepare_export(const std::string& request) const override {
    return reply("prepare_export", request);
  }
  std::string export_models(const std::string& request) const override {
    return reply("export_models", request);
  }

 private:
  // A verb that answers JSON (docs/bridge.md): its text.
  template <class... Args>
  std::string reply(const char* verb, const Args&... args) const {
    return with_gil([&] { return session_.attr(verb)(args...).template cast<std::string>(); });
  }

  // A verb that answers nothing.
  void run(const char* verb, const std::string& argument) {
    with_gil([&] { session_.attr(verb)(argument); });
  }

  py::object session_;
};

std::unique_ptr<Session> open_session(const std::string& ini, const std::string& url_env_var,
                                      bool verbose, double step_timeout) {
  return with_gil([&]() -> std::unique_ptr<Session> {
    return std::make_unique<BridgeSession>(py::module_::import("migsafe_bridge.session")
                                               .attr("Session")(ini, url_env_var, verbose,
                                                                step_timeout));
  });
}

}  // namespace

}  // namespace migsafe::analyzer::alembic::python

extern "C" const migsafe::analyzer::alembic::python::Api* migsafe_python_api() {
  namespace python = migsafe::analyzer::alembic::python;
  static const python::Api api{python::api_version, &python::start_interpreter,
                               &python::interpreter_started, &python::stop_interpreter,
                               &python::open_session};
  return &api;
}
