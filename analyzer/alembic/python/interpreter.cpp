#include "analyzer/alembic/python/interpreter.hpp"

#include <pybind11/embed.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "analyzer/alembic/python/resources.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::alembic::python {

namespace py = pybind11;

namespace {

// Debian's interpreter, the one python3-alembic is installed for; never the python3 on
// PATH (pyenv's, say), which may lack Alembic.
constexpr const wchar_t* python_program = L"/usr/bin/python3";
constexpr const wchar_t* python_home = L"/usr";
constexpr const char* python_stdlib = "/usr/lib/python3.11";

struct State {
  std::unique_ptr<py::scoped_interpreter> interpreter;
  InterpreterInfo info;
  bool stopped = false;
};

// Never destroyed: finalizing Python during static destruction would run its atexit
// hooks after other statics are gone. stop_interpreter() finalizes on purpose.
State& state() {
  static State* s = new State;
  return *s;
}

void check(PyStatus status, PyConfig& config) {
  if (PyStatus_Exception(status)) {
    PyConfig_Clear(&config);
    throw model::EnvironmentError(
        std::string("cannot configure the embedded Python: ") +
            (status.err_msg ? status.err_msg : "unknown error"),
        "install Debian's python3.11 (apt-get install libpython3.11 python3-alembic)");
  }
}

std::unique_ptr<py::scoped_interpreter> make_interpreter() {
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::path(python_stdlib) / "encodings", ec)) {
    throw model::EnvironmentError(
        std::string("Debian's Python 3.11 standard library is missing (") + python_stdlib + ")",
        "install it: apt-get install libpython3.11 python3-alembic python3-psycopg2");
  }
  PyConfig config;
  // Isolated: ignores PYTHONHOME, PYTHONPATH, the user site folder and the CWD;
  // startup.py adds PYTHONPATH back (set_up), where python3 puts it.
  PyConfig_InitIsolatedConfig(&config);
  config.install_signal_handlers = 0;
  // Bytecode as /usr/bin/python3 (and so alembic) handles it: .pyc files are read, and
  // written to __pycache__ next to the sources (or under $PYTHONPYCACHEPREFIX) unless
  // $PYTHONDONTWRITEBYTECODE is set. Without the cache every run would recompile the
  // project's models, which can be large. The isolated config ignores both variables,
  // so they are read here; an empty value counts as unset, as in Python.
  const char* dont_write = std::getenv("PYTHONDONTWRITEBYTECODE");
  config.write_bytecode = dont_write != nullptr && *dont_write ? 0 : 1;
  if (const char* prefix = std::getenv("PYTHONPYCACHEPREFIX"); prefix != nullptr && *prefix) {
    check(PyConfig_SetBytesString(&config, &config.pycache_prefix, prefix), config);
  }
  check(PyConfig_SetString(&config, &config.program_name, python_program), config);
  check(PyConfig_SetString(&config, &config.home, python_home), config);
  try {
    // scoped_interpreter clears the config.
    return std::make_unique<py::scoped_interpreter>(&config, 0, nullptr, false);
  } catch (const std::exception& e) {
    throw model::EnvironmentError(std::string("cannot start the embedded Python: ") + e.what(),
                                  "install Debian's libpython3.11 and python3-alembic");
  }
}

InterpreterInfo set_up() {
  // startup.py runs first, as a module of its own: it installs the importer of the
  // other bundled modules and adds the virtualenv.
  py::dict resources;
  py::object startup_source;
  for (const auto& resource : python_resources()) {
    py::str name(resource.module.data(), resource.module.size());
    py::str source(resource.source.data(), resource.source.size());
    resources[name] = source;
    if (resource.module == "startup") startup_source = source;
  }
  if (!startup_source) throw std::logic_error("analyzer/alembic/startup.py is not bundled");
  py::module_ startup = py::module_::import("types").attr("ModuleType")("migsafe_startup");
  py::module_ builtins = py::module_::import("builtins");
  builtins.attr("exec")(
      builtins.attr("compile")(startup_source, "<migsafe analyzer/alembic/startup.py>", "exec"),
      startup.attr("__dict__"));
  py::module_::import("sys").attr("modules")["migsafe_startup"] = startup;
  startup.attr("install")(resources);

  InterpreterInfo info;
  auto venv = startup.attr("add_virtualenv")().cast<py::tuple>();
  startup.attr("add_pythonpath")();  // in front of the virtualenv, as in python3
  info.virtualenv = venv[0].cast<std::string>();
  if (auto warning = venv[1].cast<std::string>(); !warning.empty()) {
    info.warnings.push_back(warning);
  }
  auto described = startup.attr("describe")().cast<py::dict>();
  info.version = described["version"].cast<std::string>();
  info.prefix = described["prefix"].cast<std::string>();

  if (py::module_::import("importlib.util").attr("find_spec")("alembic").is_none()) {
    throw model::EnvironmentError(
        "Alembic is not installed for the embedded Python " + info.version +
            (info.virtualenv.empty() ? "" : " nor in the virtualenv " + info.virtualenv),
        "install it: apt-get install python3-alembic (or pip install alembic in a "
        "virtualenv made with /usr/bin/python3 -m venv, then activate it)");
  }
  return info;
}

}  // namespace

const InterpreterInfo& start_interpreter(PrintWarnings print) {
  State& s = state();
  if (s.interpreter) return s.info;
  if (s.stopped) {
    throw std::logic_error("the embedded Python cannot be started twice in one process");
  }
  auto interpreter = make_interpreter();
  try {
    s.info = set_up();
  } catch (const py::error_already_set& e) {
    s.stopped = true;  // the failed interpreter finalizes as `interpreter` goes
    throw model::EnvironmentError(
        std::string("the embedded Python failed to start: ") + e.what(),
        "check Debian's python3.11 installation (apt-get install --reinstall libpython3.11)");
  } catch (...) {
    s.stopped = true;
    throw;
  }
  s.interpreter = std::move(interpreter);
  if (print == PrintWarnings::yes) {
    for (const auto& warning : s.info.warnings)
      std::cerr << "migsafe: warning: " << warning << '\n';
  }
  return s.info;
}

bool interpreter_started() { return static_cast<bool>(state().interpreter); }

void stop_interpreter() {
  State& s = state();
  if (!s.interpreter) return;
  s.interpreter.reset();
  s.stopped = true;
}

}  // namespace migsafe::analyzer::alembic::python
