#include "rules/registry.hpp"

#include <memory>

#include "rules/adding_not_null_constraint.hpp"
#include "rules/adding_primary_key.hpp"
#include "rules/adding_required_field.hpp"
#include "rules/adding_volatile_default.hpp"
#include "rules/attaching_partition.hpp"
#include "rules/ban_alter_domain_with_add_constraint.hpp"
#include "rules/ban_commit_in_migration.hpp"
#include "rules/ban_concurrent_index_in_transaction.hpp"
#include "rules/ban_drop_column.hpp"
#include "rules/ban_drop_table.hpp"
#include "rules/ban_truncate.hpp"
#include "rules/changing_column_type.hpp"
#include "rules/changing_generated_expression.hpp"
#include "rules/changing_table_storage.hpp"
#include "rules/constraint_missing_not_valid.hpp"
#include "rules/disallowed_exclusion_constraint.hpp"
#include "rules/disallowed_unique_constraint.hpp"
#include "rules/enum_value_change.hpp"
#include "rules/prefer_bigint.hpp"
#include "rules/prefer_identity.hpp"
#include "rules/prefer_repack.hpp"
#include "rules/prefer_text_field.hpp"
#include "rules/prefer_timestamptz.hpp"
#include "rules/renaming_column.hpp"
#include "rules/renaming_table.hpp"
#include "rules/require_concurrent_index_creation.hpp"
#include "rules/require_concurrent_index_deletion.hpp"
#include "rules/require_concurrent_refresh.hpp"
#include "rules/require_concurrent_reindex.hpp"
#include "rules/require_if_not_exists.hpp"
#include "rules/require_lock_timeout.hpp"
#include "rules/sqlite_unsupported_alter.hpp"
#include "rules/transaction_nesting.hpp"
#include "rules/unbatched_backfill.hpp"

namespace migsafe::rules {
namespace {

struct Entry {
  std::unique_ptr<Rule> rule;
  std::vector<std::string_view> aliases;  // squawk's ids for the same check
};

// The one list of rules, sorted by id (a unit test keeps it so). Add new rules here.
const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = [] {
    std::vector<Entry> t;
    Entry rows[] = {
        {std::make_unique<AddingNotNullConstraint>(), {"adding-not-nullable-field"}},
        {std::make_unique<AddingPrimaryKey>(), {"adding-serial-primary-key-field"}},
        {std::make_unique<AddingRequiredField>(), {}},
        {std::make_unique<AddingVolatileDefault>(), {"adding-field-with-default"}},
        {std::make_unique<AttachingPartition>(), {}},
        {std::make_unique<BanAlterDomainWithAddConstraint>(), {}},
        {std::make_unique<BanCommitInMigration>(), {}},
        {std::make_unique<BanConcurrentIndexInTransaction>(),
         {"ban-concurrent-index-creation-in-transaction"}},
        {std::make_unique<BanDropColumn>(), {}},
        {std::make_unique<BanDropTable>(), {}},
        {std::make_unique<BanTruncate>(), {"ban-truncate-cascade"}},
        {std::make_unique<ChangingColumnType>(), {}},
        {std::make_unique<ChangingGeneratedExpression>(), {}},
        {std::make_unique<ChangingTableStorage>(), {}},
        {std::make_unique<ConstraintMissingNotValid>(), {"adding-foreign-key-constraint"}},
        {std::make_unique<DisallowedExclusionConstraint>(), {}},
        {std::make_unique<DisallowedUniqueConstraint>(), {}},
        {std::make_unique<EnumValueChange>(), {}},
        {std::make_unique<PreferBigint>(),
         {"prefer-big-int", "prefer-bigint-over-int", "prefer-bigint-over-smallint"}},
        {std::make_unique<PreferIdentity>(), {}},
        {std::make_unique<PreferRepack>(), {}},
        {std::make_unique<PreferTextField>(), {}},
        {std::make_unique<PreferTimestamptz>(), {}},
        {std::make_unique<RenamingColumn>(), {}},
        {std::make_unique<RenamingTable>(), {}},
        {std::make_unique<RequireConcurrentIndexCreation>(), {}},
        {std::make_unique<RequireConcurrentIndexDeletion>(), {}},
        {std::make_unique<RequireConcurrentRefresh>(), {}},
        {std::make_unique<RequireConcurrentReindex>(), {}},
        {std::make_unique<RequireIfNotExists>(), {"prefer-robust-stmts"}},
        {std::make_unique<RequireLockTimeout>(), {"require-timeout-settings"}},
        {std::make_unique<SqliteUnsupportedAlter>(), {}},
        {std::make_unique<TransactionNesting>(), {}},
        {std::make_unique<UnbatchedBackfill>(), {}},
    };
    for (Entry& e : rows) t.push_back(std::move(e));
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> out;
    for (const Entry& e : entries()) out.push_back(e.rule.get());
    return out;
  }();
  return rules;
}

std::vector<RuleInfo> list_rules() {
  std::vector<RuleInfo> out;
  for (const Entry& e : entries()) {
    out.push_back({e.rule->id(), e.aliases, e.rule->summary(), e.rule->default_severity()});
  }
  return out;
}

const Rule* find_rule(std::string_view id_or_alias) {
  for (const Entry& e : entries()) {
    if (e.rule->id() == id_or_alias) return e.rule.get();
    for (std::string_view alias : e.aliases) {
      if (alias == id_or_alias) return e.rule.get();
    }
  }
  return nullptr;
}

const std::vector<std::string_view>& linter_ids() {
  static const std::vector<std::string_view> ids = {syntax_error_id, unknown_rule_id,
                                                    unused_ignore_id, unrendered_revision_id};
  return ids;
}

std::optional<std::string> resolve_rule_id(std::string_view id_or_alias) {
  if (const Rule* rule = find_rule(id_or_alias)) return std::string(rule->id());
  for (std::string_view id : linter_ids()) {
    if (id == id_or_alias) return std::string(id);
  }
  return std::nullopt;
}

std::string doc_path(std::string_view id) { return "docs/rules/" + std::string(id) + ".md"; }

}  // namespace migsafe::rules
