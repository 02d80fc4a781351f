// libFuzzer target: the bytes as the file the second process of check's split chain walk
// leaves for the first (analyzer/check/walk_part_codec.hpp). Text it did not write (a
// process killed half-way, a full disk) must come out as model::Error, which sends the
// walk back to one process, never as another exception, a crash or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/check/walk_part_codec.hpp"
#include "model/error.hpp"

namespace {

// The revisions of the seed files (fixtures/alembic/reggie), so decoding goes past them.
std::vector<migsafe::analyzer::alembic::Revision> known_revisions() {
  std::vector<migsafe::analyzer::alembic::Revision> revisions;
  for (const char* id : {"1a5c2e7b9d01", "2b6d3f8c0e12", "3c7e4a9d1f23", "4d8f5b0e2a34",
                         "5e9a6c1f3b45", "6c1f0e2d9a84", "7d2a3b4c5e6f", "8e3b4c5d6f70"}) {
    revisions.emplace_back();
    revisions.back().id = id;
  }
  return revisions;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto revisions = known_revisions();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    migsafe::analyzer::check::decode_walk_part(text, revisions);
  } catch (const migsafe::model::Error&) {
  }
  return 0;
}
