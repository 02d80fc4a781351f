#include "analyzer/diff/compare.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace migsafe::analyzer::diff {
namespace {

using ::testing::HasSubstr;
using dbdrivers::Dialect;

model::Column column(std::string name, std::string type, bool nullable = true,
                     std::optional<std::string> server_default = std::nullopt) {
  model::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.server_default = std::move(server_default);
  return c;
}

// The models' view of a small schema, as the export spells it.
model::Schema models() {
  model::Schema s;
  model::Table owners;
  owners.name = "owners";
  owners.columns = {column("id", "INTEGER", false), column("email", "VARCHAR(255)", false)};
  owners.primary_key = model::PrimaryKey{"", {"id"}};
  owners.uniques = {{"", {"email"}, false}};
  model::Table plates;
  plates.name = "plates";
  plates.columns = {column("id", "INTEGER", false), column("owner_id", "INTEGER", false),
                    column("number", "VARCHAR(10)", false, "'x'"),
                    column("created", "TIMESTAMP WITH TIME ZONE", true, "now()"),
                    column("state", "plate_state", false, "'new'")};
  plates.primary_key = model::PrimaryKey{"pk_plates", {"id"}};
  plates.checks = {{"ck_plates_number", "number <> ''"}};
  model::ForeignKey fk;
  fk.columns = {"owner_id"};
  fk.referred_table = "owners";
  fk.referred_columns = {"id"};
  fk.on_delete = "CASCADE";
  plates.foreign_keys = {fk};
  model::Index index;
  index.name = "ix_plates_live_" + std::string(60, 'n');  // longer than PostgreSQL keeps
  index.elements = {"lower(number)", "state"};
  index.predicate = "state <> 'retired'";
  plates.indexes = {index};
  plates.comment = "number plates";
  s.tables = {owners, plates};
  s.enums = {{"", "plate_state", {"new", "active", "retired"}}};
  model::Sequence seq;
  seq.name = "order_seq";
  seq.start = 1000;
  s.sequences = {seq};
  return s;
}

// The same schema as PostgreSQL's catalogs print it.
model::Schema database() {
  model::Schema s = models();
  auto& owners = s.tables[0];
  owners.columns[0] = column("id", "integer", false, "nextval('owners_id_seq'::regclass)");
  owners.columns[1].type = "character varying(255)";
  owners.primary_key->name = "owners_pkey";
  owners.uniques[0].name = "owners_email_key";
  auto& plates = s.tables[1];
  plates.columns[0].type = "int4";
  plates.columns[2] = column("number", "character varying(10)", false, "'x'::character varying");
  plates.columns[3] = column("created", "timestamp with time zone", true, "CURRENT_TIMESTAMP");
  plates.columns[4] = column("state", "plate_state", false, "'new'::plate_state");
  plates.primary_key->name = "pk_plates";
  plates.checks[0].expression = "number::text <> ''::text";
  plates.foreign_keys[0].name = "plates_owner_id_fkey";
  plates.indexes[0].name = plates.indexes[0].name.substr(0, 63);
  plates.indexes[0].method = "btree";
  plates.indexes[0].elements = {"lower(number::text)", "state"};
  plates.indexes[0].predicate = "state <> 'retired'::plate_state";
  s.sequences[0].data_type = "bigint";
  s.sequences.push_back({"", "owners_id_seq", "integer", 1, 1, "owners.id"});
  return s;
}

DiffOptions pg() { return DiffOptions{Dialect::postgresql}; }

TEST(CompareSchemas, EquivalentSpellingsReportNothing) {
  EXPECT_THAT(compare_schemas(models(), database(), pg()), ::testing::IsEmpty());
}

TEST(CompareSchemas, AlembicVersionIsIgnored) {
  auto db = database();
  model::Table version;
  version.name = "alembic_version";
  version.columns = {column("version_num", "character varying(32)", false)};
  db.tables.push_back(version);
  EXPECT_THAT(compare_schemas(models(), db, pg()), ::testing::IsEmpty());
}

TEST(CompareSchemas, MissingColumnNamesTableAndColumnAndSaysHowToAdd) {
  auto m = models();
  m.tables[1].columns.push_back(column("region", "VARCHAR(2)"));
  m.tables[1].columns.back().python_type = "sa.String(length=2)";
  const auto diffs = compare_schemas(m, database(), pg());
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].kind, ObjectKind::column);
  EXPECT_EQ(diffs[0].change, Change::missing);
  EXPECT_EQ(diffs[0].table, "plates");
  EXPECT_EQ(diffs[0].name, "region");
  EXPECT_EQ(diffs[0].fix, "op.add_column(\"plates\", sa.Column(\"region\", sa.String(length=2), nullable=True))");
}

TEST(CompareSchemas, ExtraColumnIsDropped) {
  auto db = database();
  db.tables[1].columns.push_back(column("legacy", "text"));
  const auto diffs = compare_schemas(models(), db, pg());
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].change, Change::unexpected);
  EXPECT_EQ(diffs[0].name, "legacy");
  EXPECT_EQ(diffs[0].fix, "op.drop_column(\"plates\", \"legacy\")");
}

TEST(CompareSchemas, TypeNullabilityAndDefaultDifferencesAreFound) {
  auto db = database();
  db.tables[1].columns[2] = column("number", "character varying(20)", true, "'y'::character varying");
  const auto diffs = compare_schemas(models(), db, pg());
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0].attribute, "type");
  EXPECT_EQ(diffs[1].attribute, "nullable");
  EXPECT_EQ(diffs[2].attribute, "server_default");
  for (const auto& d : diffs) EXPECT_EQ(d.name, "number");
  EXPECT_THAT(diffs[1].fix, HasSubstr("op.alter_column(\"plates\", \"number\", nullable=False"));
}

TEST(CompareSchemas, IndexPredicateDifferenceIsFound) {
  auto db = database();
  db.tables[1].indexes[0].predicate.reset();
  const auto diffs = compare_schemas(models(), db, pg());
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].kind, ObjectKind::index);
  EXPECT_EQ(diffs[0].attribute, "predicate");
  EXPECT_THAT(diffs[0].fix, HasSubstr("postgresql_where=sa.text("));
}

TEST(CompareSchemas, ConstraintDifferencesAreFound) {
  auto db = database();
  db.tables[0].uniques.clear();
  db.tables[1].foreign_keys[0].on_delete = "";
  db.tables[1].checks[0].expression = "number <> 'x'";
  const auto diffs = compare_schemas(models(), db, pg());
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0].kind, ObjectKind::unique_constraint);
  EXPECT_EQ(diffs[0].change, Change::missing);
  EXPECT_EQ(diffs[1].kind, ObjectKind::check_constraint);
  EXPECT_EQ(diffs[1].name, "ck_plates_number");
  EXPECT_EQ(diffs[2].kind, ObjectKind::foreign_key);
  EXPECT_EQ(diffs[2].attribute, "on_delete");
}

TEST(CompareSchemas, EnumSequenceAndCommentDifferencesAreFound) {
  auto db = database();
  db.enums[0].labels.pop_back();
  db.sequences[0].start = 1;
  db.tables[1].comment.reset();
  const auto diffs = compare_schemas(models(), db, pg());
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0].attribute, "comment");
  EXPECT_EQ(diffs[1].kind, ObjectKind::enum_type);
  EXPECT_THAT(diffs[1].fix, HasSubstr("ADD VALUE IF NOT EXISTS 'retired'"));
  EXPECT_EQ(diffs[2].kind, ObjectKind::sequence);
  EXPECT_EQ(diffs[2].attribute, "start");
}

TEST(CompareSchemas, SqliteUsesBatchOperationsAndLooseTypes) {
  DiffOptions sqlite{Dialect::sqlite};
  model::Schema m;
  model::Table t;
  t.name = "plates";
  t.columns = {column("id", "INTEGER", false), column("note", "")};
  t.primary_key = model::PrimaryKey{"", {"id"}};
  m.tables = {t};
  auto db = m;
  db.tables[0].columns[0].nullable = true;  // SQLite's INTEGER PRIMARY KEY
  db.tables[0].columns[1].type = "TEXT";
  EXPECT_THAT(compare_schemas(m, db, sqlite), ::testing::IsEmpty());
  db.tables[0].columns.push_back(column("x", "INTEGER"));
  const auto diffs = compare_schemas(m, db, sqlite);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_THAT(diffs[0].fix, HasSubstr("with op.batch_alter_table(\"plates\") as batch_op:"));
}

TEST(CompareSchemas, SqliteCollationsCompareCaseInsensitivelyWithBinaryAsNone) {
  DiffOptions sqlite{Dialect::sqlite};
  model::Schema m;
  model::Table t;
  t.name = "plates";
  t.columns = {column("number", "VARCHAR(10)"), column("code", "TEXT")};
  t.columns[0].collation = "NOCASE";
  t.columns[1].collation = "BINARY";
  m.tables = {t};
  auto db = m;
  db.tables[0].columns[0].collation = "nocase";
  db.tables[0].columns[1].collation.reset();
  EXPECT_THAT(compare_schemas(m, db, sqlite), ::testing::IsEmpty());
  db.tables[0].columns[0].collation = "RTRIM";
  const auto diffs = compare_schemas(m, db, sqlite);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].attribute, "collation");
  EXPECT_EQ(diffs[0].expected, "NOCASE");
  EXPECT_EQ(diffs[0].actual, "RTRIM");
}

TEST(CompareSchemas, UniqueConstraintAndUniqueIndexOnTheSameColumnsAreTheSame) {
  auto db = database();
  db.tables[0].uniques.clear();  // the migration wrote op.create_index(..., unique=True)
  model::Index unique_index;
  unique_index.name = "ix_owners_email";
  unique_index.unique = true;
  unique_index.method = "btree";
  unique_index.elements = {"email"};
  db.tables[0].indexes.push_back(unique_index);
  EXPECT_THAT(compare_schemas(models(), db, pg()), ::testing::IsEmpty());
  auto indexed_models = models();  // and the other way round: Index(unique=True) in the models
  indexed_models.tables[0].uniques.clear();
  indexed_models.tables[0].indexes.push_back(unique_index);
  EXPECT_THAT(compare_schemas(indexed_models, database(), pg()), ::testing::IsEmpty());

  db.tables[0].indexes[0].unique = false;  // not the same any more
  const auto diffs = compare_schemas(models(), db, pg());
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].kind, ObjectKind::unique_constraint);
  EXPECT_EQ(diffs[1].kind, ObjectKind::index);
}

TEST(ToFindings, CarriesExpectedAndActualBlocks) {
  auto db = database();
  db.tables[1].columns.pop_back();
  const auto findings = to_findings(compare_schemas(models(), db, pg()), "model-matches-ddl", pg());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].check, "model-matches-ddl");
  EXPECT_EQ(findings[0].rule, "model-matches-ddl");
  EXPECT_THAT(findings[0].message, HasSubstr("column plates.state is in the models but not in the database"));
  EXPECT_THAT(findings[0].message, HasSubstr("Expected (models): state plate_state NOT NULL DEFAULT 'new'"));
  EXPECT_THAT(findings[0].message, HasSubstr("Actual (database): -"));
  EXPECT_THAT(findings[0].help, HasSubstr("op.add_column(\"plates\""));
}

TEST(ToFindings, SchemaVersusSchemaUsesTheGivenLabels) {
  DiffOptions options{Dialect::postgresql, "after upgrade", "after replay"};
  auto replayed = database();
  replayed.tables[1].indexes.clear();
  const auto findings =
      to_findings(compare_schemas(database(), replayed, options), "replay-preserves-schema", options);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].message, HasSubstr("Expected (after upgrade): INDEX"));
  EXPECT_THAT(findings[0].message, HasSubstr("Actual (after replay): -"));
}

}  // namespace
}  // namespace migsafe::analyzer::diff
