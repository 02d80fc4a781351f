// The second walk process's outcomes survive the trip through JSON: every field of every
// schema object (nulls and empties too), errors, and the sharing of schemas.
#include "analyzer/check/walk_part_codec.hpp"

#include <gtest/gtest.h>

#include "analyzer/diff/compare.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::check {
namespace {

using SharedSchema = std::shared_ptr<const model::Schema>;

model::Table full_table() {
  model::Table t;
  t.schema = "billing";
  t.name = "Invoice \"2\"";
  model::Column id;
  id.name = "id";
  id.type = "bigint";
  id.nullable = false;
  id.identity = "by default";
  id.autoincrement = true;
  model::Column note;
  note.name = "note";
  note.type = "character varying(255)";
  note.server_default = "'none'::character varying";
  note.collation = "C";
  note.comment = "free text";
  note.generated = "upper(name)";
  note.client_default = true;
  note.python_type = "sa.String(length=255)";
  t.columns = {id, note};
  t.primary_key = model::PrimaryKey{"invoice_pkey", {"id"}};
  t.uniques = {{"uq_note", {"note", "id"}, true}};
  t.checks = {{"ck_note", "(length((note)::text) > 0)"}};
  model::ForeignKey fk;
  fk.name = "fk_customer";
  fk.columns = {"id"};
  fk.referred_schema = "crm";
  fk.referred_table = "customers";
  fk.referred_columns = {"id"};
  fk.on_delete = "CASCADE";
  fk.on_update = "SET NULL";
  fk.deferrable = true;
  fk.initially_deferred = true;
  t.foreign_keys = {fk};
  model::Index index;
  index.name = "ix_note";
  index.unique = true;
  index.method = "gin";
  index.elements = {"lower(note)", "id"};
  index.include = {"note"};
  index.predicate = "(note IS NOT NULL)";
  index.nulls_not_distinct = true;
  t.indexes = {index};
  t.comment = "invoices";
  return t;
}

model::Schema full_schema() {
  model::Schema schema;
  model::Table bare;
  bare.name = "bare";  // no key, no comment, nothing optional
  schema.tables = {full_table(), bare};
  schema.enums = {{"billing", "state", {"open", "paid"}}};
  schema.sequences = {{"billing", "invoice_id_seq", "bigint", 1000, 5, "invoice.id"}};
  return schema;
}

// No difference the schema diff can see, and the sequence's owner (which it ignores).
void expect_same(const model::Schema& a, const model::Schema& b) {
  diff::DiffOptions options;
  EXPECT_TRUE(diff::compare_schemas(a, b, options).empty());
  ASSERT_EQ(a.sequences.size(), b.sequences.size());
  EXPECT_EQ(a.sequences[0].owned_by, b.sequences[0].owned_by);
  ASSERT_EQ(a.tables.size(), b.tables.size());
  const model::Column& note = b.tables[0].columns[1];
  EXPECT_EQ(note.python_type, "sa.String(length=255)");
  EXPECT_TRUE(note.client_default);
  EXPECT_EQ(note.generated, std::optional<std::string>("upper(name)"));
  EXPECT_FALSE(b.tables[1].primary_key.has_value());
  EXPECT_FALSE(b.tables[1].comment.has_value());
  EXPECT_FALSE(b.tables[0].columns[0].server_default.has_value());
}

std::vector<alembic::Revision> two_revisions() {
  std::vector<alembic::Revision> revisions(2);
  revisions[0].id = "aaaa";
  revisions[1].id = "bbbb";
  return revisions;
}

TEST(WalkPartCodec, OutcomesAndSchemasComeBackAsTheyWent) {
  const auto revisions = two_revisions();
  const SharedSchema before = std::make_shared<const model::Schema>(full_schema());
  model::Schema changed = full_schema();
  changed.tables.pop_back();
  const SharedSchema after = std::make_shared<const model::Schema>(changed);

  WalkPart part;
  RevisionOutcome walked;
  walked.revision = &revisions[0];
  walked.replay_checked = true;
  walked.replay_error = alembic::MigrationError("boom", "aaaa", "/p/aaaa.py", 12,
                                                "ALTER TABLE x", "column exists", 5);
  walked.downgrade_checked = true;
  walked.schema_before = before;
  walked.schema_after = after;
  RevisionOutcome blocked;
  blocked.revision = &revisions[1];
  blocked.not_walked = "revision aaaa cannot upgrade from its parents";
  blocked.downgrade_error = alembic::MigrationError("no", "bbbb", "/p/bbbb.py", 3, "", "");
  part.outcomes = {walked, blocked};
  part.after_downgrade = {after, nullptr};
  part.at_heads = after;

  const WalkPart read = decode_walk_part(encode_walk_part(part), revisions);
  ASSERT_EQ(read.outcomes.size(), 2u);
  const RevisionOutcome& first = read.outcomes[0];
  EXPECT_EQ(first.revision, &revisions[0]);
  EXPECT_TRUE(first.replay_checked);
  ASSERT_TRUE(first.replay_error.has_value());
  EXPECT_STREQ(first.replay_error->what(), "boom");
  EXPECT_EQ(first.replay_error->file, "/p/aaaa.py");
  EXPECT_EQ(first.replay_error->line, 12);
  EXPECT_EQ(first.replay_error->column, 5);
  EXPECT_EQ(first.replay_error->statement, "ALTER TABLE x");
  EXPECT_EQ(first.replay_error->database_error, "column exists");
  EXPECT_FALSE(first.downgrade_error.has_value());
  EXPECT_TRUE(first.downgrade_checked);
  expect_same(*first.schema_before, *before);
  EXPECT_EQ(first.schema_after->tables.size(), 1u);
  // One schema object for what was one: the outcomes share it as the walk did.
  EXPECT_EQ(read.after_downgrade[0].get(), first.schema_after.get());
  EXPECT_EQ(read.at_heads.get(), first.schema_after.get());

  const RevisionOutcome& second = read.outcomes[1];
  EXPECT_EQ(second.revision, &revisions[1]);
  EXPECT_EQ(second.not_walked, "revision aaaa cannot upgrade from its parents");
  ASSERT_TRUE(second.downgrade_error.has_value());
  EXPECT_EQ(second.downgrade_error->revision, "bbbb");
  EXPECT_FALSE(second.downgrade_checked);
  EXPECT_EQ(second.schema_before, nullptr);
  EXPECT_EQ(read.after_downgrade[1], nullptr);
}

TEST(WalkPartCodec, EachDistinctTableIsWrittenOnce) {
  const auto revisions = two_revisions();
  WalkPart part;
  for (const auto& revision : revisions) {
    RevisionOutcome outcome;
    outcome.revision = &revision;
    // Two schema objects with the same tables: the tables are written once.
    outcome.schema_before = std::make_shared<const model::Schema>(full_schema());
    part.outcomes.push_back(outcome);
  }
  part.after_downgrade.resize(2);
  const std::string text = encode_walk_part(part);
  std::size_t count = 0;
  for (std::size_t at = text.find("fk_customer"); at != std::string::npos;
       at = text.find("fk_customer", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 1u) << text;
}

TEST(WalkPartCodec, AnUnknownRevisionOrForeignTextIsAnError) {
  const auto revisions = two_revisions();
  WalkPart part;
  RevisionOutcome outcome;
  alembic::Revision elsewhere;
  elsewhere.id = "cccc";
  outcome.revision = &elsewhere;
  part.outcomes = {outcome};
  part.after_downgrade = {nullptr};
  EXPECT_THROW(decode_walk_part(encode_walk_part(part), revisions), model::Error);
  EXPECT_THROW(decode_walk_part("{\"outcomes\": 3}", revisions), model::Error);
  EXPECT_THROW(decode_walk_part("not json", revisions), model::Error);
}

// Found by fuzz_walk_part: a table number past the end threw std::out_of_range, and a
// line of 1e300 was a float-cast overflow; both are the codec's one error now.
TEST(WalkPartCodec, NumbersOutOfRangeAreErrorsNotCrashes) {
  const auto revisions = two_revisions();
  WalkPart part;
  RevisionOutcome outcome;
  outcome.revision = &revisions[0];
  outcome.replay_error = alembic::MigrationError("boom", "aaaa", "/p/aaaa.py", 12, "", "");
  outcome.schema_before = std::make_shared<const model::Schema>(full_schema());
  part.outcomes = {outcome};
  part.after_downgrade = {nullptr};
  const std::string good = encode_walk_part(part);
  ASSERT_NO_THROW(decode_walk_part(good, revisions));
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from << " not in " << text;
    return text.replace(at, from.size(), to);
  };
  EXPECT_THROW(decode_walk_part(replaced("\"/p/aaaa.py\",12", "\"/p/aaaa.py\",1e300"), revisions),
               model::Error);
  EXPECT_THROW(decode_walk_part(replaced("[[[0,1]", "[[[7,1]"), revisions), model::Error);
  EXPECT_THROW(decode_walk_part(replaced("[[[0,1]", "[[[-1,1]"), revisions), model::Error);
  EXPECT_THROW(decode_walk_part(replaced("\"schemas\":[[", "\"schemas\":[5,["), revisions),
               model::Error);
}

}  // namespace
}  // namespace migsafe::analyzer::check
