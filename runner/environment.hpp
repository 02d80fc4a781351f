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

// Whether a variable's value is a secret: the pipeline lists it in `secrets`, or its
// name says so (…PASSWORD, …PASS, …PWD, …TOKEN, …SECRET…, …KEY, …API_KEY, …PAT,
// …CREDENTIAL…, …AUTH…, …DSN).
bool is_secret_variable(const Pipeline& pipeline, const std::string& name);

// The names a text refers to as ${NAME}, in order.
std::vector<std::string> variables_in(const std::string& text);

// Hands every secret of the environment to the one mask (dbdrivers::add_secret): the
// values of secret variables (is_secret_variable; not a flag or a small number), also
// those set in a step's env, and the password of every database URL. The embedded
// Python's own mask reads the same values by name ($MIGSAFE_SECRET_VARIABLES,
// $MIGSAFE_URL_VARIABLES). Call before anything is printed.
void mask_environment_secrets(const Pipeline& pipeline);

// The same for a variable a step's capture set while the stage runs.
void mask_captured_variable(const Pipeline& pipeline, const std::string& name,
                            const std::string& value);

}  // namespace migsafe::runner
