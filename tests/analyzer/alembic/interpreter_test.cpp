// The interpreter is Debian's whatever the environment says: these tests run a child
// copy of this test program under a hostile environment and read what it found.
#include "analyzer/alembic/interpreter.hpp"

#include <gtest/gtest.h>
#include <pybind11/embed.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

namespace fs = std::filesystem;
namespace py = pybind11;

constexpr const char* child_flag = "MIGSAFE_INTERPRETER_CHILD";

// The child half: reports what its interpreter (started by the test environment,
// under the parent's hostile variables) looks like.
TEST(InterpreterChild, Report) {
  if (getenv(child_flag) == nullptr) GTEST_SKIP() << "runs as a child of the tests below";
  const InterpreterInfo& info = start_interpreter();
  std::cout << "prefix=" << info.prefix << "\n";
  std::cout << "version=" << info.version << "\n";
  std::cout << "virtualenv=" << info.virtualenv << "\n";
  for (const auto& warning : info.warnings) std::cout << "warning=" << warning << "\n";
  std::cout << "alembic="
            << py::str(py::module_::import("alembic").attr("__file__")).cast<std::string>() << "\n";
  const bool probe =
      !py::module_::import("importlib.util").attr("find_spec")("migsafe_venv_probe").is_none();
  std::cout << "probe=" << (probe ? "found" : "absent") << "\n";
  const bool on_pythonpath = !py::module_::import("importlib.util")
                                  .attr("find_spec")("migsafe_pythonpath_probe")
                                  .is_none();
  std::cout << "pythonpath_probe=" << (on_pythonpath ? "found" : "absent") << "\n";
  py::module_ sys = py::module_::import("sys");
  std::cout << "write_bytecode=" << (sys.attr("dont_write_bytecode").cast<bool>() ? "no" : "yes")
            << "\n";
  std::cout << "pycache_prefix=" << py::str(sys.attr("pycache_prefix")).cast<std::string>() << "\n";
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the child with extra environment variables; returns key -> value lines.
std::multimap<std::string, std::string> run_child(const std::map<std::string, std::string>& env) {
  const fs::path self = fs::read_symlink("/proc/self/exe");
  std::string command = "env";
  for (const auto& [key, value] : env) command += " " + key + "=" + shell_quote(value);
  command += std::string(" ") + child_flag + "=1 " + shell_quote(self.string()) +
             " --gtest_filter=InterpreterChild.Report 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  std::multimap<std::string, std::string> report;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos && line.find(' ') > eq) {
      report.emplace(line.substr(0, eq), line.substr(eq + 1));
    }
  }
  EXPECT_EQ(report.count("prefix"), 1u) << output;
  return report;
}

std::string value(const std::multimap<std::string, std::string>& report, const std::string& key) {
  auto it = report.find(key);
  return it == report.end() ? std::string() : it->second;
}

// A pyenv interpreter's bin folder if this machine has one: the real hijacker.
std::string pyenv_bin() {
  const char* home = getenv("HOME");
  std::error_code ec;
  const fs::path root = fs::path(home ? home : "/root") / ".pyenv" / "versions";
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (fs::exists(entry.path() / "bin" / "python3", ec)) return entry.path() / "bin";
  }
  return {};
}

TEST(Interpreter, IsDebiansPythonWithAlembic) {
  const InterpreterInfo& info = start_interpreter();
  EXPECT_EQ(info.prefix, "/usr");
  EXPECT_EQ(info.version.rfind("3.11.", 0), 0u) << info.version;
  EXPECT_NO_THROW(py::module_::import("migsafe_bridge.session"));
}

TEST(Interpreter, IgnoresHostilePythonHomeAndPathHonoursPythonPath) {
  TempFolder temp;
  // A project module found through PYTHONPATH, as `alembic` finds it.
  fs::create_directories(temp.path() / "src");
  std::ofstream(temp.path() / "src" / "migsafe_pythonpath_probe.py") << "VALUE = 1\n";
  // A python3 first on PATH that is not Debian's.
  fs::create_directories(temp.path() / "bin");
  std::ofstream(temp.path() / "bin" / "python3") << "#!/bin/sh\necho hijacked\nexit 3\n";
  fs::permissions(temp.path() / "bin" / "python3", fs::perms::owner_all);
  std::string path = (temp.path() / "bin").string();
  if (const std::string pyenv = pyenv_bin(); !pyenv.empty()) path += ":" + pyenv;
  path += std::string(":") + getenv("PATH");

  const auto report = run_child({{"PYTHONHOME", (temp.path() / "nowhere").string()},
                                 {"PYTHONPATH", (temp.path() / "src").string()},
                                 {"PATH", path}});
  EXPECT_EQ(value(report, "prefix"), "/usr");
  // Debian's Alembic, or the one of the virtualenv the test runs under (sa2.* tests).
  const char* venv = std::getenv("VIRTUAL_ENV");
  const std::string expected = venv != nullptr && *venv
                                   ? std::string(venv) + "/"
                                   : std::string("/usr/lib/python3/dist-packages/alembic");
  EXPECT_EQ(value(report, "alembic").rfind(expected, 0), 0u) << value(report, "alembic");
  EXPECT_EQ(report.count("warning"), 0u);
  EXPECT_EQ(value(report, "pythonpath_probe"), "found");
}

// Alembic's mako falls back to plain escaping instead of importing Pygments (start-up
// time), and only for mako: the plugin still imports for anyone who asks later.
TEST(Interpreter, ImportsAlembicWithoutPygments) {
  start_interpreter();
  py::module_::import("migsafe_bridge.session");
  py::module_ sys = py::module_::import("sys");
  EXPECT_FALSE(sys.attr("modules").contains("pygments"));
  EXPECT_TRUE(py::module_::import("mako.exceptions").attr("pygments_html_formatter").is_none());
  EXPECT_NO_THROW(py::module_::import("mako.ext.pygmentplugin"));
  EXPECT_TRUE(sys.attr("modules").contains("pygments"));
}

// Repeated runs reuse the models' bytecode as python3's do; the variables that stop or
// move that cache are honoured although the interpreter is otherwise isolated.
TEST(Interpreter, CachesBytecodeAsPythonDoes) {
  auto report = run_child({{"PYTHONDONTWRITEBYTECODE", ""}, {"PYTHONPYCACHEPREFIX", ""}});
  EXPECT_EQ(value(report, "write_bytecode"), "yes");
  EXPECT_EQ(value(report, "pycache_prefix"), "None");

  report = run_child({{"PYTHONDONTWRITEBYTECODE", "1"}, {"PYTHONPYCACHEPREFIX", ""}});
  EXPECT_EQ(value(report, "write_bytecode"), "no");

  TempFolder temp;
  report =
      run_child({{"PYTHONDONTWRITEBYTECODE", ""}, {"PYTHONPYCACHEPREFIX", temp.path().string()}});
  EXPECT_EQ(value(report, "write_bytecode"), "yes");
  EXPECT_EQ(value(report, "pycache_prefix"), temp.path().string());
}

TEST(Interpreter, AddsAVirtualenvOfTheSameVersion) {
  TempFolder temp;
  const fs::path venv = temp.path() / "venv";
  const fs::path site = venv / "lib" / "python3.11" / "site-packages";
  fs::create_directories(site);
  std::ofstream(venv / "pyvenv.cfg") << "home = /usr/bin\ninclude-system-site-packages = false\n"
                                        "version = 3.11.2\n";
  std::ofstream(site / "migsafe_venv_probe.py") << "VALUE = 1\n";

  const auto report = run_child({{"VIRTUAL_ENV", venv.string()}});
  EXPECT_EQ(value(report, "virtualenv"), venv.string());
  EXPECT_EQ(value(report, "probe"), "found");
  EXPECT_EQ(report.count("warning"), 0u);
}

TEST(Interpreter, ReportsAndIgnoresAVirtualenvOfAnotherVersion) {
  TempFolder temp;
  const fs::path venv = temp.path() / "venv312";
  const fs::path site = venv / "lib" / "python3.12" / "site-packages";
  fs::create_directories(site);
  std::ofstream(venv / "pyvenv.cfg") << "home = /opt/python3.12/bin\nversion = 3.12.1\n";
  std::ofstream(site / "migsafe_venv_probe.py") << "VALUE = 1\n";

  const auto report = run_child({{"VIRTUAL_ENV", venv.string()}});
  EXPECT_EQ(value(report, "prefix"), "/usr");
  EXPECT_EQ(value(report, "virtualenv"), "");
  EXPECT_EQ(value(report, "probe"), "absent");
  const std::string warning = value(report, "warning");
  EXPECT_NE(warning.find(venv.string()), std::string::npos) << warning;
  EXPECT_NE(warning.find("Python 3.12"), std::string::npos) << warning;
  EXPECT_NE(warning.find("ignored"), std::string::npos) << warning;
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
