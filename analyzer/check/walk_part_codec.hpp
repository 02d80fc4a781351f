#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "analyzer/check/chain_walk.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::check {

// JSON, with each distinct table written once: consecutive schemas of a walk share all
// but the tables one revision touched.
std::string encode_walk_part(const WalkPart& part);

// Reads encode_walk_part()'s text; each outcome's revision is looked up by id in
// `revisions` (which must outlive the result). Throws model::Error on text it did not
// write or a revision it does not know.
WalkPart decode_walk_part(const std::string& text, const std::vector<alembic::Revision>& revisions);

}  // namespace migsafe::analyzer::check
