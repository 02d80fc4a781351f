#pragma once

#include <optional>

#include "runner/pipeline.hpp"
#include "runner/step_failure.hpp"
#include "runner/step_log.hpp"

namespace migsafe::runner {

// The user's migrator: `alembic upgrade head` of the step's project through the
// embedded interpreter, on the database whose URL is in $url_env. The one place migsafe
// migrates a database it did not create (docs/architecture.md, safety): only `migsafe
// run --stage` calls it. It prints the (masked) target first, the revision before and
// after, and refuses a project or database with several heads.
std::optional<StepFailure> run_migrate_step(const Step& step, StepLog& log);

}  // namespace migsafe::runner
