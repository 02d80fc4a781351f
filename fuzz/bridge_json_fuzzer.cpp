// libFuzzer target: the bytes as the answer of each of the Python bridge's verbs
// (analyzer/alembic/bridge_replies.hpp) and as the models' export (parse_model_json).
// Malformed JSON is a bridge bug and must come out as model::Error, never as another
// exception, a crash or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/alembic/bridge_replies.hpp"
#include "analyzer/alembic/model_schema.hpp"
#include "model/error.hpp"

namespace {

template <class Parse>
void expect_parsed_or_error(Parse&& parse) {
  try {
    parse();
  } catch (const migsafe::model::Error&) {
  }
}

// A reflected database for the export's "excluded" names to filter.
migsafe::model::Schema sample_database() {
  migsafe::model::Schema schema;
  migsafe::model::Table table;
  table.name = "users";
  table.columns.push_back({});
  table.columns.back().name = "id";
  schema.tables.push_back(table);
  return schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace replies = migsafe::analyzer::alembic::replies;
  const std::string json(reinterpret_cast<const char*>(data), size);
  expect_parsed_or_error([&] { replies::revisions(json); });
  expect_parsed_or_error([&] { replies::heads(json); });
  expect_parsed_or_error([&] { replies::current(json); });
  expect_parsed_or_error([&] { replies::offline_render(json); });
  expect_parsed_or_error([&] { replies::settings(json); });
  expect_parsed_or_error([&] { replies::flag(json, "kept"); });
  expect_parsed_or_error([&] { replies::error(json); });
  expect_parsed_or_error([&] {
    migsafe::model::Schema database = sample_database();
    migsafe::analyzer::alembic::parse_model_json(json, &database);
  });
  return 0;
}
