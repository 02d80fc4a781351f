#include "analyzer/lint/path_checks.hpp"

#include <exception>
#include <system_error>
#include <thread>

#include "analyzer/lint/read_file.hpp"

namespace migsafe::analyzer::lint {
namespace {

namespace fs = std::filesystem;

// Below this many paths a second thread costs more than it saves.
constexpr std::size_t two_threads_from = 256;

// Runs check(i) for every i < count, in order: the second half on a thread of its own
// when there are many. The first exception in that order is thrown, as a loop would.
template <class Check>
void for_each_index(std::size_t count, const Check& check) {
  auto run = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) check(i);
  };
  if (count < two_threads_from || std::thread::hardware_concurrency() < 2) {
    run(0, count);
    return;
  }
  const std::size_t half = count / 2;
  std::exception_ptr second_failed;
  std::thread second;
  try {
    second = std::thread([&] {
      try {
        run(half, count);
      } catch (...) {
        second_failed = std::current_exception();
      }
    });
  } catch (const std::system_error&) {  // no thread to be had: one does it all
    run(0, count);
    return;
  }
  std::exception_ptr first_failed;
  try {
    run(0, half);
  } catch (...) {
    first_failed = std::current_exception();
  }
  second.join();
  if (first_failed) std::rethrow_exception(first_failed);
  if (second_failed) std::rethrow_exception(second_failed);
}

}  // namespace

std::vector<fs::file_status> statuses_of(const std::vector<fs::path>& paths) {
  std::vector<fs::file_status> out(paths.size());
  for_each_index(paths.size(), [&](std::size_t i) {
    std::error_code ec;  // an error leaves a status that exists() takes as missing
    out[i] = fs::status(paths[i], ec);
  });
  return out;
}

void check_all_readable(const std::vector<fs::path>& files, std::uintmax_t max_bytes) {
  for_each_index(files.size(), [&](std::size_t i) { check_readable(files[i], max_bytes); });
}

}  // namespace migsafe::analyzer::lint
