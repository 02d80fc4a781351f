#pragma once

#include <string>
#include <utility>
#include <vector>

#include "runner/pipeline.hpp"

namespace migsafe::runner {

enum class Unset { fail, keep };

using Variables = std::vector<std::pair<std::string, std::string>>;

// Replaces ${NAME} by the value of NAME in `step_env` (a command step's env, as its
// program will see it), else of the environment variable ("$${" writes "${"). An unset
// variable is a model::UsageError naming it and `context` (Unset::fail), or stays as
// written (Unset::keep: a dry run shows what would be needed).
std::string expand(const std::string& text, const std::string& context, Unset unset = Unset::fail,
                   const Variables& step_env = {});

// Hands every secret of the environment to the one mask (dbdrivers::add_secret): the
// values of variables the pipeline lists in `secrets`, of variables whose names say they
// are secret (…PASSWORD, …TOKEN, …SECRET…, …KEY, …CREDENTIALS, …AUTH…), and the
// password of each migrate step's database URL. Call before anything is printed.
void mask_environment_secrets(const Pipeline& pipeline);

}  // namespace migsafe::runner
