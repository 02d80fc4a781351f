#include "analyzer/check/second_walk.hpp"

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "analyzer/check/walk_part.hpp"
#include "analyzer/check/walk_part_codec.hpp"
#include "analyzer/this_program.hpp"
#include "dbdrivers/cleanup/leftovers.hpp"
#include "dbdrivers/database_url.hpp"
#include "dbdrivers/os/command.hpp"
#include "dbdrivers/os/temp_folder.hpp"
#include "model/error.hpp"

extern char** environ;

namespace migsafe::analyzer::check {
namespace {

namespace fs = std::filesystem;

// Below this many revisions the second process (its interpreter, imports, the way up to
// its part) costs about what it saves.
constexpr std::size_t min_revisions = 40;

// MIGSAFE_WALK_PROCESSES: "1" never splits the walk, "2" splits any history of two
// revisions or more (tests of the split on small projects); unset: long histories only.
std::size_t smallest_history_to_split() {
  const char* processes = std::getenv("MIGSAFE_WALK_PROCESSES");
  const std::string choice = processes ? processes : "";
  if (choice == "1") return SIZE_MAX;
  if (choice == "2") return 2;
  if (std::thread::hardware_concurrency() < 2) return SIZE_MAX;
  return min_revisions;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string last_lines(const std::string& output) {
  const std::string end = output.size() > 1500 ? "..." + output.substr(output.size() - 1500) : output;
  return dbdrivers::mask_passwords(end);
}

}  // namespace

// The command on a thread of its own; stopped from the owner's thread if still running.
struct SecondWalk::Run {
  fs::path folder;
  std::thread thread;
  std::mutex mutex;
  int pid = 0;  // while the command runs
  bool stopping = false;
  dbdrivers::os::CommandResult result;

  // The group and the process itself: between fork and its setsid() the child has no
  // group of its own yet.
  void kill_child() {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }

  void stop() {
    if (!thread.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
      if (pid > 0) kill_child();
    }
    thread.join();
  }
};

std::size_t SecondWalk::split_point(std::size_t count) {
  // This process also runs every other check (about a third of the whole on a long
  // history), the second one first climbs to its part: it takes the larger share.
  return count * 2 / 5;
}

std::unique_ptr<SecondWalk> SecondWalk::start(const CheckRequest& request,
                                              const dbdrivers::ScratchDatabase& database,
                                              std::size_t revision_count, ChainWalkParts parts) {
  if (revision_count < smallest_history_to_split() || !(parts.replay || parts.downgrade)) {
    return nullptr;
  }
  try {
    // Only the migsafe executable has `walk-part` (not a test program calling run_check).
    if (this_program().filename() != "migsafe") return nullptr;
    std::unique_ptr<dbdrivers::ScratchDatabase> second = dbdrivers::create_sibling_scratch(database);
    const std::size_t first = std::max<std::size_t>(1, split_point(revision_count));
    return std::unique_ptr<SecondWalk>(
        new SecondWalk(request, std::move(second), first, revision_count, parts));
  } catch (const std::exception& error) {
    // No second database, no thread: the walk runs in one process, as it always could.
    if (request.progress) {
      request.progress->note(std::string("the chain walk runs in one process: ") +
                             dbdrivers::mask_passwords(error.what()));
    }
    return nullptr;
  }
}

SecondWalk::SecondWalk(const CheckRequest& request,
                       std::unique_ptr<dbdrivers::ScratchDatabase> database, std::size_t first,
                       std::size_t count, ChainWalkParts parts)
    : request_(request),
      database_(std::move(database)),
      first_(first),
      count_(count),
      run_(std::make_unique<Run>()) {
  // Swept by a later run if this one is killed before its destructor runs.
  run_->folder = dbdrivers::os::make_temp_folder(dbdrivers::cleanup::walk_folder_prefix);
  dbdrivers::os::Command command;
  command.argv = {this_program().string(), "walk-part", request.project.string(),
                  "--first", std::to_string(first),
                  "--output", (run_->folder / "part.json").string(),
                  "--url-env", request.url_env_var,
                  "--timeout", std::to_string(request.timeout_seconds)};
  if (parts.replay) command.argv.push_back("--replay");
  if (parts.downgrade) command.argv.push_back("--downgrade");
  if (request.verbose) command.argv.push_back("--verbose");
  // Read here, on the thread that may change it later (env.py's URL variable, a seed).
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::size_t equals = text.find('=');
    if (equals != std::string::npos) command.env.emplace_back(text.substr(0, equals), text.substr(equals + 1));
  }
  // Not on the command line, where `ps` shows it: the URL may carry a password.
  command.env.emplace_back("MIGSAFE_WALK_DATABASE_URL", database_->url().to_string());
  command.env_only = true;
  command.foreground = false;  // it dies with this process (walk-part's PR_SET_PDEATHSIG)
  Run* run = run_.get();
  command.on_start = [run](int pid) {
    std::lock_guard<std::mutex> lock(run->mutex);
    run->pid = pid;
    if (run->stopping) run->kill_child();
  };
  try {
    run_->thread = std::thread([run, command] {
      dbdrivers::os::CommandResult result = dbdrivers::os::run_command(command);
      std::lock_guard<std::mutex> lock(run->mutex);
      run->pid = 0;  // reaped: the number may be another process's soon
      run->result = std::move(result);
    });
  } catch (...) {
    std::error_code ec;
    fs::remove_all(run_->folder, ec);
    throw;
  }
}

SecondWalk::~SecondWalk() {
  run_->stop();
  std::error_code ec;
  fs::remove_all(run_->folder, ec);
}

std::string SecondWalk::what_it_walks() const {
  return "revisions " + std::to_string(first_ + 1) + "-" + std::to_string(count_) +
         ": waiting for the second process";
}

std::optional<WalkPart> SecondWalk::wait(const std::vector<alembic::Revision>& revisions) {
  if (run_->thread.joinable()) run_->thread.join();
  const dbdrivers::os::CommandResult& result = run_->result;
  if (request_.verbose && !result.output.empty()) {
    std::cerr << dbdrivers::mask_passwords(result.output);
  }
  std::string failure;
  if (result.ok()) {
    try {
      return decode_walk_part(read_text(run_->folder / "part.json"), revisions);
    } catch (const model::Error& error) {
      failure = error.what();
    }
  } else if (result.exit_code == walk_part_below_fails) {
    return std::nullopt;  // this process's own half of the walk meets that failure first
  } else {
    failure = "exit status " + std::to_string(result.exit_code) + ": " + last_lines(result.output);
  }
  if (request_.progress) {
    request_.progress->note("the second walk process failed (" + failure +
                            "); its revisions are walked here");
  }
  return std::nullopt;
}

}  // namespace migsafe::analyzer::check
