#pragma once

#include <filesystem>
#include <string>

namespace migsafe::analyzer::alembic::test {

// fixtures/alembic/<name> in the source tree.
std::filesystem::path fixture(const std::string& name);

// A fresh empty folder under the system temp folder, removed when the object goes.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // sqlite:////<folder>/<name>
  std::string sqlite_url(const std::string& name = "scratch.db") const;

 private:
  std::filesystem::path path_;
};

}  // namespace migsafe::analyzer::alembic::test
