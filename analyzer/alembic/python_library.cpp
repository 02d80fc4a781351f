#include "analyzer/alembic/python_library.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>
#include <system_error>

#include "model/error.hpp"

namespace migsafe::analyzer::alembic {

namespace fs = std::filesystem;

namespace {

std::mutex loading;
const python::Api* loaded = nullptr;  // guarded by `loading`

bool inside(const fs::path& file, const fs::path& folder) {
  const std::string prefix = folder.string() + "/";
  return file.string().compare(0, prefix.size(), prefix) == 0;
}

std::string joined(const std::vector<fs::path>& files) {
  std::string out;
  for (const fs::path& file : files) out += (out.empty() ? "" : ", ") + file.string();
  return out.empty() ? "(nowhere: /proc/self/exe is unreadable)" : out;
}

std::string last_dl_error() {
  const char* text = dlerror();
  return text != nullptr ? text : "unknown error";
}

}  // namespace

std::vector<fs::path> python_library_candidates() {
  std::vector<fs::path> out;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return out;
  out.push_back(executable.parent_path() / python::library_name);
  const fs::path build_tree = fs::weakly_canonical(MIGSAFE_BUILD_DIR, ec);
  const fs::path built = MIGSAFE_PYTHON_LIBRARY_IN_BUILD;
  if (!ec && inside(executable, build_tree) && built != out.front()) out.push_back(built);
  return out;
}

const python::Api& load_python_library(const std::vector<fs::path>& candidates) {
  for (const fs::path& file : candidates) {
    std::error_code ec;
    if (!fs::exists(file, ec)) continue;
    // RTLD_GLOBAL takes libpython into the global scope with the library: Debian's
    // extension modules (_ssl, psycopg2, ...) are not linked to libpython and find its
    // symbols there, as they do in /usr/bin/python3.
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (handle == nullptr) {
      throw model::EnvironmentError(
          "cannot load " + file.string() + ": " + last_dl_error(),
          "install Debian's Python 3.11 (apt-get install libpython3.11 python3-alembic), or "
          "rebuild migsafe");
    }
    using Entry = const python::Api* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(handle, python::api_symbol));
    const python::Api* api = entry != nullptr ? entry() : nullptr;
    if (api == nullptr || api->version != python::api_version) {
      dlclose(handle);
      throw model::EnvironmentError(
          file.string() + " is not the " + python::library_name + " of this migsafe build",
          std::string("put the ") + python::library_name +
              " built with this migsafe next to it (both are built into the build folder)");
    }
    return *api;
  }
  throw model::EnvironmentError(
      std::string(python::library_name) +
          ", the part of migsafe that runs Alembic, is missing: looked for " + joined(candidates),
      std::string("keep ") + python::library_name +
          " next to the migsafe binary: the build puts them side by side (cmake --build BUILD); "
          "copy or install both files together");
}

const python::Api& python_library() {
  std::lock_guard<std::mutex> lock(loading);
  if (loaded == nullptr) loaded = &load_python_library(python_library_candidates());
  return *loaded;
}

bool python_library_loaded() {
  std::lock_guard<std::mutex> lock(loading);
  return loaded != nullptr;
}

}  // namespace migsafe::analyzer::alembic
