#include "dbdrivers/sqlite/scratch_file.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "dbdrivers/cleanup/leftovers.hpp"
#include "dbdrivers/os/temp_folder.hpp"
#include "dbdrivers/scratch_handle.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::sqlite {

std::unique_ptr<ScratchDatabase> create_scratch_file() {
  auto reaper = std::make_unique<cleanup::Reaper>();
  std::vector<std::string> leftovers = cleanup::sweep_scratch_folders(os::scratch_base(std::nullopt));
  std::filesystem::path folder = os::make_temp_folder(cleanup::sqlite_folder_prefix);
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
  auto handle = std::make_unique<ScratchHandle>(url, "scratch-file", SQLite::getLibVersion(),
                                                folder, std::move(reaper));
  handle->add_notes(std::move(leftovers));
  handle->probe_with([file]() -> std::optional<std::string> {
    std::error_code ec;
    if (std::filesystem::exists(file, ec) || ec) return std::nullopt;
    return "the scratch file " + file.string() + " was removed while migsafe used it";
  });
  return handle;
}

}  // namespace migsafe::dbdrivers::sqlite
