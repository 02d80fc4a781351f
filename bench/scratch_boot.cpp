// bench_scratch_boot [N] [PG_BIN]: how long a scratch PostgreSQL cluster takes to be
// ready. Builds the template once in a fresh cache folder (timed), then boots N
// clusters one after another from it (each from create_scratch() to the URL being
// usable, and destruction timed separately) and prints min/median/max.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "dbdrivers/os/run_as.hpp"
#include "dbdrivers/postgres/binaries.hpp"
#include "dbdrivers/postgres/cache_folder.hpp"
#include "dbdrivers/postgres/template_cluster.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void print_stats(const char* what, std::vector<double> values) {
  std::sort(values.begin(), values.end());
  double median = values.size() % 2 == 1
                      ? values[values.size() / 2]
                      : (values[values.size() / 2 - 1] + values[values.size() / 2]) / 2;
  std::printf("%-22s min %7.1f ms   median %7.1f ms   max %7.1f ms   (n=%zu)\n", what,
              values.front(), median, values.back(), values.size());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace migsafe::dbdrivers;
  int runs = argc > 1 ? std::atoi(argv[1]) : 10;
  std::filesystem::path pg_bin = argc > 2 ? argv[2] : MIGSAFE_SOURCE_DIR "/.deps/postgresql-17/native/bin";
  std::string cache = (std::filesystem::temp_directory_path() / "migsafe-bench-cacheXXXXXX").string();
  if (runs < 1 || mkdtemp(cache.data()) == nullptr) {
    std::cerr << "usage: bench_scratch_boot [N>=1] [PG_BIN]\n";
    return 2;
  }
  chmod(cache.c_str(), 0755);
  setenv("MIGSAFE_CACHE_DIR", cache.c_str(), 1);
  int status = 0;
  try {
    auto user = os::server_user();
    auto binaries = postgres::find_binaries(pg_bin);
    auto start = Clock::now();
    auto cluster = postgres::ensure_template(binaries, user, postgres::cache_folder(user), nullptr);
    std::printf("PostgreSQL %s from %s\n", binaries.version.c_str(), binaries.bin.c_str());
    std::printf("template creation (one-time, initdb): %.1f ms\n", ms_since(start));

    std::vector<double> ready;
    std::vector<double> teardown;
    ScratchRequest request;
    request.db = "postgres";
    request.pg_bin = pg_bin;
    for (int i = 0; i < runs; ++i) {
      start = Clock::now();
      auto scratch = create_scratch(request);
      ready.push_back(ms_since(start));
      start = Clock::now();
      scratch.reset();
      teardown.push_back(ms_since(start));
    }
    print_stats("ready (warm template)", ready);
    print_stats("teardown", teardown);
  } catch (const migsafe::model::Error& e) {
    std::cerr << "bench_scratch_boot: " << e.what() << "\n" << e.fix() << "\n";
    status = 2;
  }
  std::error_code ec;
  std::filesystem::remove_all(cache, ec);
  return status;
}
