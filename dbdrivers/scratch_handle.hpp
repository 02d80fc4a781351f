#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/scratch.hpp"

namespace migsafe::dbdrivers {

// Every kind of scratch database is the same thing once made: a URL, what it is, and
// the reaper that knows how to undo it. Destroying the handle runs the clean-up.
class ScratchHandle final : public ScratchDatabase {
 public:
  ScratchHandle(DatabaseUrl url, std::string kind, std::string server_version,
                std::filesystem::path folder, std::unique_ptr<cleanup::Reaper> reaper)
      : url_(std::move(url)),
        kind_(std::move(kind)),
        server_version_(std::move(server_version)),
        folder_(std::move(folder)),
        reaper_(std::move(reaper)) {}
  ~ScratchHandle() override { reaper_->finish(); }

  const DatabaseUrl& url() const override { return url_; }
  std::string kind() const override { return kind_; }
  std::string server_version() const override { return server_version_; }
  std::filesystem::path folder() const override { return folder_; }
  std::optional<std::string> lost() const override { return probe_ ? probe_() : std::nullopt; }

  // How lost() tells that the database is gone; none: it never is.
  void probe_with(std::function<std::optional<std::string>()> probe) { probe_ = std::move(probe); }

 private:
  DatabaseUrl url_;
  std::string kind_;
  std::string server_version_;
  std::filesystem::path folder_;
  std::unique_ptr<cleanup::Reaper> reaper_;
  std::function<std::optional<std::string>()> probe_;
};

}  // namespace migsafe::dbdrivers
