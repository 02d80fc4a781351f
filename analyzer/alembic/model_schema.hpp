#pragma once

#include <string>

#include "analyzer/alembic/project.hpp"
#include "dbdrivers/database_url.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::alembic {

// The schema the project's SQLAlchemy models declare, rendered for `dialect`: the
// target_metadata env.py hands Alembic, or `metadata_spec` ("app.models:Base.metadata")
// when not empty. Honours env.py's include_object/include_name hooks and the
// metadata's naming conventions. When `database` is given, the database objects those
// hooks exclude are removed from it too, as autogenerate does. Throws
// model::InputError (env.py or the models do not import, no target_metadata).
model::Schema export_model_schema(const Project& project, const std::string& metadata_spec,
                                  dbdrivers::Dialect dialect, model::Schema* database = nullptr);

// The JSON export_schema() returns, parsed (exposed for tests).
model::Schema parse_model_json(const std::string& json, model::Schema* database = nullptr);

}  // namespace migsafe::analyzer::alembic
