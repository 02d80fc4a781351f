// export_model_schema renders each column's type for the dialect; equal types share one
// rendering (model_export.py caches them), so the test mixes equal, nearly equal and
// user-defined types and checks every column still gets its own text.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <utility>

#include "analyzer/alembic/model_schema.hpp"
#include "analyzer/alembic/project.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// An Alembic project whose env.py hands Alembic the models below.
void write_project(const fs::path& folder) {
  write(folder / "alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n");
  write(folder / "migrations" / "env.py", R"(import importlib.util
import os

from alembic import context

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "model_export_test_models", os.path.join(_here, os.pardir, "models.py"))
_models = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_models)

context.configure(url="postgresql://", target_metadata=_models.metadata)
with context.begin_transaction():
    context.run_migrations()
)");
  fs::create_directories(folder / "migrations" / "versions");
  write(folder / "models.py", R"(import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


class Code(sa.types.TypeDecorator):
    impl = sa.String
    cache_ok = True


metadata = sa.MetaData()
sa.Table(
    "things", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("a", sa.String(100)),
    sa.Column("b", sa.String(100)),
    sa.Column("c", sa.String(50)),
    sa.Column("d", sa.String(100, collation="C")),
    sa.Column("e", sa.Numeric(10, 2)),
    sa.Column("f", sa.Numeric(10, 3)),
    sa.Column("g", sa.DateTime(timezone=True)),
    sa.Column("h", sa.DateTime(timezone=1)),
    sa.Column("i", sa.DateTime()),
    sa.Column("j", Code(20)),
    sa.Column("k", Code(30)),
    sa.Column("l", postgresql.ARRAY(sa.String(10))),
    sa.Column("m", postgresql.ARRAY(sa.String(20))),
)
)");
}

TEST(ModelExport, EveryColumnGetsItsOwnTypeWhenEqualTypesShareARendering) {
  TempFolder temp;
  write_project(temp.path());
  Project project(temp.path());
  const model::Schema schema = export_model_schema(project, "", dbdrivers::Dialect::postgresql);
  ASSERT_EQ(schema.tables.size(), 1u);

  // name -> (type, python_type)
  std::map<std::string, std::pair<std::string, std::string>> got;
  std::map<std::string, std::string> collations;
  for (const auto& column : schema.tables[0].columns) {
    got[column.name] = {column.type, column.python_type};
    if (column.collation) collations[column.name] = *column.collation;
  }
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"id", {"INTEGER", "sa.Integer()"}},
      {"a", {"VARCHAR(100)", "sa.String(length=100)"}},
      {"b", {"VARCHAR(100)", "sa.String(length=100)"}},
      {"c", {"VARCHAR(50)", "sa.String(length=50)"}},
      {"d", {"VARCHAR(100)", "sa.String(length=100, collation='C')"}},
      {"e", {"NUMERIC(10, 2)", "sa.Numeric(precision=10, scale=2)"}},
      {"f", {"NUMERIC(10, 3)", "sa.Numeric(precision=10, scale=3)"}},
      {"g", {"TIMESTAMP WITH TIME ZONE", "sa.DateTime(timezone=True)"}},
      {"h", {"TIMESTAMP WITH TIME ZONE", "sa.DateTime(timezone=1)"}},
      {"i", {"TIMESTAMP WITHOUT TIME ZONE", "sa.DateTime()"}},
      {"j", {"VARCHAR(20)", "sa.Code(length=20)"}},
      {"k", {"VARCHAR(30)", "sa.Code(length=30)"}},
      {"l", {"VARCHAR(10)[]", "postgresql.ARRAY(String(length=10))"}},
      {"m", {"VARCHAR(20)[]", "postgresql.ARRAY(String(length=20))"}},
  };
  EXPECT_EQ(got, expected);
  EXPECT_EQ(collations, (std::map<std::string, std::string>{{"d", "C"}}));
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
