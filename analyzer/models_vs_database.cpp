#include "analyzer/models_vs_database.hpp"

#include <future>
#include <nlohmann/json.hpp>

#include "analyzer/alembic/model_schema.hpp"
#include "analyzer/diff/compare.hpp"
#include "dbdrivers/reuse_connections.hpp"
#include "model/dialect.hpp"

namespace migsafe::analyzer {

std::vector<model::Finding> compare_models_to_database(const alembic::Project& project,
                                                       const dbdrivers::DatabaseUrl& url,
                                                       const ModelsVsDatabaseOptions& options,
                                                       dbdrivers::ReflectStats* stats) {
  dbdrivers::ReflectOptions reflect_options;
  reflect_options.schemas = options.schemas;
  reflect_options.exclude_tables = {options.version_table};
  reflect_options.version_table = options.version_table;
  // Reflection (C++ and the database) and the models' export (env.py, the models' import,
  // rendering: Python) are independent until the export filters the reflected names, so
  // the export runs ahead on this thread while the database is reflected on another.
  // prepare_export never fails: on an error it keeps nothing and export_model_schema
  // redoes the work and reports it, after the reflection's own error if any.
  // The reflection's connection is made here, before env.py runs: connecting reads the
  // environment, which env.py may be changing (ReuseConnections::connect_now()).
  const dbdrivers::ReuseConnections one_connection(url);
  one_connection.connect_now();
  auto reflected = std::async(std::launch::async, [&url, &reflect_options, stats] {
    const dbdrivers::NoConnecting only_queries;  // a connection lost meanwhile: see below
    return dbdrivers::reflect(url, reflect_options, stats);
  });
  try {
    const nlohmann::json request{{"metadata", options.metadata_spec},
                                 {"dialect", model::dialect_name(url.dialect())}};
    project.prepare_model_export(request.dump());
  } catch (...) {  // NOLINT(bugprone-empty-catch): export_model_schema reports it
  }
  model::Schema database;
  try {
    database = reflected.get();
  } catch (const dbdrivers::ConnectionNeeded&) {
    // The server closed the kept connection before the reflection used it: reflect
    // again here, now that no Python runs beside us.
    database = dbdrivers::reflect(url, reflect_options, stats);
  }
  const model::Schema models =
      alembic::export_model_schema(project, options.metadata_spec, url.dialect(), &database);
  diff::DiffOptions diff_options;
  diff_options.dialect = url.dialect();
  diff_options.ignore_tables = {options.version_table};
  return diff::to_findings(diff::compare_schemas(models, database, diff_options),
                           options.check_name, diff_options);
}

}  // namespace migsafe::analyzer
