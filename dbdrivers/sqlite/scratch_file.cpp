#include "dbdrivers/sqlite/scratch_file.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "dbdrivers/os/temp_folder.hpp"
#include "dbdrivers/scratch_handle.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::sqlite {

std::unique_ptr<ScratchDatabase> create_scratch_file() {
  auto reaper = std::make_unique<cleanup::Reaper>();
  std::filesystem::path folder = os::make_temp_folder("migsafe-sqlite-");
  reaper->remove_folder(folder);
  std::filesystem::path file = folder / "scratch.db";
  try {
    SQLite::Database create(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  } catch (const SQLite::Exception& e) {
    throw model::EnvironmentError("cannot create " + file.string() + ": " + e.what(),
                                  "set TMPDIR to a writable local folder");
  }
  DatabaseUrl url;
  url.scheme = "sqlite";
  url.database = file.string();
  return std::make_unique<ScratchHandle>(url, "scratch-file", SQLite::getLibVersion(), folder,
                                         std::move(reaper));
}

}  // namespace migsafe::dbdrivers::sqlite
