#include "analyzer/check/checks.hpp"
#include "analyzer/models_vs_database.hpp"
#include "model/dialect.hpp"

namespace migsafe::analyzer::check {

// The schema `upgrade head` builds must be the one the SQLAlchemy models declare:
// "Schema check failed — model doesn't match migration" before it reaches CI.
model::CheckStatus check_model_matches_ddl(CheckSession& session) {
  if (!session.ensure_upgraded()) return model::CheckStatus::skipped;
  if (session.request().metadata.empty() &&
      !session.project().has_models(
          std::string(model::dialect_name(session.database().dialect())))) {
    session.set_note("env.py hands Alembic no target_metadata; pass --metadata module:attr");
    return model::CheckStatus::skipped;
  }
  ModelsVsDatabaseOptions options;
  options.metadata_spec = session.request().metadata;
  options.check_name = "model-matches-ddl";
  options.version_table = session.version_table();
  const auto findings =
      compare_models_to_database(session.project(), session.database().url(), options);
  for (const auto& finding : findings) session.add(finding);
  return findings.empty() ? model::CheckStatus::passed : model::CheckStatus::failed;
}

}  // namespace migsafe::analyzer::check
