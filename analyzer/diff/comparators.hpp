#pragma once

// The per-kind comparators compare_schemas() dispatches to. Internal to analyzer/diff.

#include <string>
#include <vector>

#include "analyzer/diff/compare.hpp"

namespace migsafe::analyzer::diff {

struct CompareContext {
  const DiffOptions& options;
  std::vector<Difference>& out;

  bool postgres() const { return options.dialect == dbdrivers::Dialect::postgresql; }
  bool same_name(const std::string& a, const std::string& b) const;
  void add(Difference difference) { out.push_back(std::move(difference)); }
};

// "app.plates", or "plates" in the default schema.
std::string qualified(const std::string& schema, const std::string& name);

// A unique constraint on one side and a plain unique index on the same columns on the
// other enforce the same thing (Alembic treats them alike): removes such pairs from both.
void pair_unique_indexes(model::Table& expected, model::Table& actual, const CompareContext& ctx);

void compare_tables(const model::Schema& expected, const model::Schema& actual, CompareContext& ctx);
void compare_columns(const model::Table& expected, const model::Table& actual, CompareContext& ctx);
void compare_primary_keys(const model::Table& expected, const model::Table& actual, CompareContext& ctx);
void compare_unique_constraints(const model::Table& expected, const model::Table& actual,
                                CompareContext& ctx);
void compare_check_constraints(const model::Table& expected, const model::Table& actual,
                               CompareContext& ctx);
void compare_foreign_keys(const model::Table& expected, const model::Table& actual, CompareContext& ctx);
void compare_indexes(const model::Table& expected, const model::Table& actual, CompareContext& ctx);
void compare_table_comments(const model::Table& expected, const model::Table& actual,
                            CompareContext& ctx);
void compare_enums(const model::Schema& expected, const model::Schema& actual, CompareContext& ctx);
void compare_sequences(const model::Schema& expected, const model::Schema& actual, CompareContext& ctx);

// Pairs objects of two lists: first by equal non-empty names, then the leftovers by
// `same_content` (unnamed constraints get names from the database, not the models).
// Calls on_pair / on_missing (expected only) / on_unexpected (actual only).
template <typename T, typename Name, typename Same, typename Pair, typename Missing, typename Unexpected>
void match_objects(const std::vector<T>& expected, const std::vector<T>& actual, const CompareContext& ctx,
                   Name name_of, Same same_content, Pair on_pair, Missing on_missing,
                   Unexpected on_unexpected) {
  std::vector<bool> used(actual.size(), false);
  std::vector<int> partner(expected.size(), -1);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (name_of(expected[i]).empty()) continue;
    for (std::size_t j = 0; j < actual.size(); ++j) {
      if (!used[j] && ctx.same_name(name_of(expected[i]), name_of(actual[j]))) {
        used[j] = true;
        partner[i] = static_cast<int>(j);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (partner[i] >= 0) continue;
    for (std::size_t j = 0; j < actual.size(); ++j) {
      if (!used[j] && same_content(expected[i], actual[j])) {
        used[j] = true;
        partner[i] = static_cast<int>(j);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (partner[i] >= 0)
      on_pair(expected[i], actual[static_cast<std::size_t>(partner[i])]);
    else
      on_missing(expected[i]);
  }
  for (std::size_t j = 0; j < actual.size(); ++j)
    if (!used[j]) on_unexpected(actual[j]);
}

}  // namespace migsafe::analyzer::diff
