#include "analyzer/expand_contract/deploy_order.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::expand_contract {
namespace {

using Kind = SchemaChange::Kind;

model::Schema models_mapping(const std::vector<std::string>& columns, bool nullable = true) {
  model::Table table;
  table.name = "plates";
  for (const auto& name : columns) {
    model::Column column;
    column.name = name;
    column.nullable = nullable;
    table.columns.push_back(column);
  }
  model::Schema schema;
  schema.tables.push_back(table);
  return schema;
}

SchemaChange change(Kind kind, const std::string& column, const std::string& new_name = "") {
  SchemaChange c;
  c.kind = kind;
  c.table = "plates";
  c.column = column;
  c.new_name = new_name;
  c.after.name = new_name.empty() ? column : new_name;
  return c;
}

TEST(DeployOrder, NamesComeFromOneTable) {
  EXPECT_EQ(deploy_order_names(), (std::vector<std::string>{"code-first", "migrate-first"}));
  for (const auto& name : deploy_order_names()) {
    EXPECT_EQ(deploy_order_name(*parse_deploy_order(name)), name);
  }
  EXPECT_FALSE(parse_deploy_order("deploy-first"));
}

TEST(DeployOrder, AColumnMappedInTheReleaseThatAddsItBreaksCodeFirstOnly) {
  const model::Schema mapped = models_mapping({"id", "region"});
  const model::Schema old_models = models_mapping({"id"});
  const SchemaChange added = change(Kind::column_created, "region");
  const auto code_first = judge(added, DeployOrder::code_first, {&mapped, &old_models});
  ASSERT_EQ(code_first.size(), 1u);
  EXPECT_EQ(code_first[0].code, "new");
  EXPECT_NE(code_first[0].message.find("plates.region"), std::string::npos);
  EXPECT_TRUE(judge(added, DeployOrder::migrate_first, {&mapped, &old_models}).empty());
}

TEST(DeployOrder, ADropIsJudgedByWhoStillMapsIt) {
  const model::Schema unmapped = models_mapping({"id"});
  const model::Schema mapped = models_mapping({"id", "note"});
  const SchemaChange dropped = change(Kind::column_dropped, "note");
  // The contract step: nobody maps it.
  EXPECT_TRUE(judge(dropped, DeployOrder::code_first, {&unmapped, &unmapped}).empty());
  EXPECT_TRUE(judge(dropped, DeployOrder::migrate_first, {&unmapped, &unmapped}).empty());
  // Unmapped in the release that drops it: safe code-first, the old code breaks migrate-first.
  EXPECT_TRUE(judge(dropped, DeployOrder::code_first, {&unmapped, &mapped}).empty());
  const auto old_breaks = judge(dropped, DeployOrder::migrate_first, {&unmapped, &mapped});
  ASSERT_EQ(old_breaks.size(), 1u);
  EXPECT_EQ(old_breaks[0].code, "old");
}

TEST(DeployOrder, ARenameGivesTheExpandContractSteps) {
  const model::Schema renamed = models_mapping({"id", "plate_number"});
  const auto broken = judge(change(Kind::column_renamed, "number", "plate_number"),
                            DeployOrder::code_first, {&renamed, nullptr});
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].help.find("op.add_column(\"plates\""), std::string::npos) << broken[0].help;
  EXPECT_NE(broken[0].help.find("op.drop_column(\"plates\", \"number\")"), std::string::npos);
}

TEST(DeployOrder, NotNullOnAColumnTheCodeDeclaresNullable) {
  SchemaChange made = change(Kind::made_not_null, "note");
  made.after.nullable = false;
  made.after.server_default = "''";
  const model::Schema nullable = models_mapping({"id", "note"});
  EXPECT_EQ(judge(made, DeployOrder::code_first, {&nullable, nullptr}).size(), 1u);
  model::Schema filled = models_mapping({"id", "note"}, false);
  filled.tables[0].columns[1].server_default = "''";
  EXPECT_TRUE(judge(made, DeployOrder::code_first, {&filled, nullptr}).empty());
  // An identity column is filled by the database whatever the code writes.
  made.after.identity = "by default";
  EXPECT_TRUE(judge(made, DeployOrder::code_first, {&nullable, nullptr}).empty());
}

// A NOT NULL column loses the server default that filled it: code that leaves it out
// breaks, code with its own default does not.
TEST(DeployOrder, DroppingTheServerDefaultOfANotNullColumn) {
  SchemaChange dropped = change(Kind::default_dropped, "state");
  dropped.after.nullable = false;
  const model::Schema unmapped = models_mapping({"id"});
  EXPECT_EQ(judge(dropped, DeployOrder::code_first, {&unmapped, nullptr}).size(), 1u);
  model::Schema with_default = models_mapping({"id", "state"}, false);
  with_default.tables[0].columns[1].client_default = true;
  EXPECT_TRUE(judge(dropped, DeployOrder::code_first, {&with_default, nullptr}).empty());
}

}  // namespace
}  // namespace migsafe::analyzer::expand_contract
