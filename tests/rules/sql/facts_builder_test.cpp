#include "rules/sql/facts_builder.hpp"

#include <gtest/gtest.h>

#include "rules/sql/parser.hpp"

namespace migsafe::rules::sql {
namespace {

Statement one(const std::string& sql) {
  auto statements = parse_script(sql);
  EXPECT_EQ(statements.size(), 1u);
  return statements.at(0);
}

TEST(FactsBuilderTest, CreateTableColumnsAndConstraints) {
  const auto s =
      one("CREATE TABLE IF NOT EXISTS app.plates (id serial PRIMARY KEY, n varchar(20) NOT NULL "
          "DEFAULT now(), owner int REFERENCES owners (id), at timestamp, CHECK (n <> ''))");
  const auto* t = s.as<CreateTable>();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name.display(), "app.plates");
  EXPECT_TRUE(t->if_not_exists);
  ASSERT_EQ(t->columns.size(), 4u);
  EXPECT_EQ(t->columns[0].type.name, "serial");
  EXPECT_TRUE(t->columns[0].primary_key);
  EXPECT_EQ(t->columns[1].type.display(), "varchar(20)");
  EXPECT_TRUE(t->columns[1].not_null);
  ASSERT_TRUE(t->columns[1].default_value.has_value());
  EXPECT_FALSE(t->columns[1].default_value->volatile_call);
  EXPECT_EQ(t->columns[2].references->name, "owners");
  EXPECT_EQ(t->columns[3].type.name, "timestamp");
  ASSERT_EQ(t->constraints.size(), 1u);
  EXPECT_EQ(t->constraints[0].kind, ConstraintKind::check);
}

TEST(FactsBuilderTest, AlterTableSubcommands) {
  const auto s = one(
      "ALTER TABLE plates ADD COLUMN IF NOT EXISTS x uuid DEFAULT gen_random_uuid(), ALTER COLUMN "
      "y "
      "TYPE bigint USING y::bigint, ALTER COLUMN z SET NOT NULL, ADD CONSTRAINT c CHECK (z IS NOT "
      "NULL) NOT VALID, ADD CONSTRAINT u UNIQUE USING INDEX u, DROP COLUMN IF EXISTS w CASCADE");
  const auto* a = s.as<AlterTable>();
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->commands.size(), 6u);
  EXPECT_EQ(a->commands[0].kind, AlterKind::add_column);
  EXPECT_TRUE(a->commands[0].if_exists_or_not);
  EXPECT_TRUE(a->commands[0].definition.default_value->volatile_call);
  EXPECT_EQ(a->commands[1].kind, AlterKind::alter_column_type);
  EXPECT_TRUE(a->commands[1].has_using);
  EXPECT_EQ(a->commands[2].kind, AlterKind::set_not_null);
  EXPECT_EQ(a->commands[3].constraint.expression.not_null_column, "z");
  EXPECT_TRUE(a->commands[3].constraint.not_valid);
  EXPECT_EQ(a->commands[4].constraint.using_index, "u");
  EXPECT_EQ(a->commands[5].kind, AlterKind::drop_column);
  EXPECT_TRUE(a->commands[5].cascade);
}

TEST(FactsBuilderTest, DropRenameTruncateDmlAndEnums) {
  const auto drop = one("DROP INDEX CONCURRENTLY IF EXISTS s.i");
  ASSERT_NE(drop.as<Drop>(), nullptr);
  EXPECT_EQ(drop.as<Drop>()->object, "index");
  EXPECT_TRUE(drop.as<Drop>()->concurrent);
  EXPECT_EQ(drop.as<Drop>()->names.at(0).display(), "s.i");

  const auto trigger = one("DROP TRIGGER IF EXISTS tr ON plates");
  EXPECT_EQ(trigger.as<Drop>()->on_table, "plates");
  EXPECT_EQ(trigger.as<Drop>()->names.at(0).name, "tr");

  const auto rename = one("ALTER TABLE plates RENAME COLUMN a TO b");
  EXPECT_EQ(rename.as<Rename>()->object, "column");
  EXPECT_EQ(rename.as<Rename>()->old_name, "a");

  const auto truncate = one("TRUNCATE a, b CASCADE");
  EXPECT_EQ(truncate.as<Truncate>()->tables.size(), 2u);
  EXPECT_TRUE(truncate.as<Truncate>()->cascade);

  const auto insert = one("INSERT INTO t SELECT * FROM u");
  EXPECT_EQ(insert.as<Dml>()->kind, DmlKind::insert_select);
  const auto values = one("INSERT INTO t VALUES (1)");
  EXPECT_EQ(values.as<Dml>()->kind, DmlKind::insert_values);

  const auto add_value = one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok'");
  EXPECT_EQ(add_value.as<AlterEnum>()->new_value, "ok");
  EXPECT_TRUE(add_value.as<AlterEnum>()->if_not_exists);
  const auto rename_value = one("ALTER TYPE mood RENAME VALUE 'a' TO 'b'");
  EXPECT_EQ(rename_value.as<AlterEnum>()->old_value, "a");

  const auto trig =
      one("CREATE OR REPLACE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()");
  EXPECT_EQ(trig.as<CreateObject>()->object, "trigger");
  EXPECT_TRUE(trig.as<CreateObject>()->or_replace);
  EXPECT_EQ(one("BEGIN").as<Transaction>()->kind, TransactionKind::begin);
  EXPECT_EQ(one("COMMIT").as<Transaction>()->kind, TransactionKind::commit);
}

}  // namespace
}  // namespace migsafe::rules::sql
