// Times migsafe's drift phases on a migrated database:
//
//   bench_drift PROJECT URL [RUNS]    JSON: export, reflect and diff times (median of RUNS)
//
// The whole process is timed on the real binary (`migsafe drift`, bench/drift/run.sh).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "analyzer/alembic/interpreter.hpp"
#include "analyzer/alembic/model_schema.hpp"
#include "analyzer/alembic/project.hpp"
#include "analyzer/diff/compare.hpp"
#include "dbdrivers/reflect.hpp"
#include "model/error.hpp"

namespace {

using namespace migsafe;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 3) {
      std::cerr << "usage: bench_drift PROJECT URL [RUNS]\n";
      return 2;
    }
    const int runs = argc > 3 ? std::stoi(argv[3]) : 5;
    const auto url = dbdrivers::parse_database_url(argv[2]);
    auto start = clock_type::now();
    analyzer::alembic::start_interpreter();
    const double interpreter = seconds_since(start);
    start = clock_type::now();
    analyzer::alembic::Project project(argv[1]);
    project.set_offline_url(argv[2]);
    const auto models = analyzer::alembic::export_model_schema(project, "", url.dialect());
    const double export_seconds = seconds_since(start);

    std::vector<double> reflect_times, diff_times;
    std::size_t differences = 0;
    dbdrivers::ReflectStats stats;
    for (int i = 0; i < runs; ++i) {
      start = clock_type::now();
      const auto database = dbdrivers::reflect(url, {}, &stats);
      reflect_times.push_back(seconds_since(start));
      start = clock_type::now();
      analyzer::diff::DiffOptions options;
      options.dialect = url.dialect();
      differences = analyzer::diff::compare_schemas(models, database, options).size();
      diff_times.push_back(seconds_since(start));
    }
    std::cout << "{\"tables\": " << models.tables.size() << ", \"interpreter\": " << interpreter
              << ", \"export\": " << export_seconds << ", \"reflect\": " << median(reflect_times)
              << ", \"diff\": " << median(diff_times) << ", \"queries\": " << stats.queries
              << ", \"differences\": " << differences << "}\n";
    return 0;
  } catch (const model::Error& error) {
    std::cerr << "bench_drift: " << error.what() << "\n";
    return 2;
  }
}
