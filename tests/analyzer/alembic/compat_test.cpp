// Each behaviour of Alembic's private API that analyzer/alembic/bridge/compat.py relies
// on, checked on the Alembic in use: Debian's 1.8, and 1.13 in the sa2.* run.
#include <gtest/gtest.h>
#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/alembic/interpreter.hpp"
#include "analyzer/alembic/project.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

namespace py = pybind11;

// The reggie sample's ScriptDirectory, and compat, in the embedded interpreter.
class Compat : public ::testing::Test {
 protected:
  void SetUp() override {
    start_interpreter();
    compat_ = py::module_::import("migsafe_bridge.compat");
    py::object config = py::module_::import("alembic.config")
                            .attr("Config")((fixture("reggie") / "alembic.ini").string());
    script_ =
        py::module_::import("alembic.script").attr("ScriptDirectory").attr("from_config")(config);
  }

  std::vector<std::string> revisions_of(const py::object& steps) {
    std::vector<std::string> ids;
    for (const py::handle& step : steps) {
      py::object id = compat_.attr("step_revision")(step);
      ids.push_back(id.is_none() ? "<none>" : id.cast<std::string>());
    }
    return ids;
  }

  // Bases first, as Project::revisions() gives them.
  std::vector<std::string> chain() {
    std::vector<std::string> ids;
    for (const Revision& revision : Project(fixture("reggie")).revisions()) {
      ids.push_back(revision.id);
    }
    return ids;
  }

  py::module_ compat_;
  py::object script_;
};

TEST_F(Compat, UpgradeStepsRunEveryRevisionFromBaseToHeadInOrder) {
  const py::tuple no_heads;
  EXPECT_EQ(revisions_of(compat_.attr("upgrade_steps")(script_, "head", no_heads)), chain());
}

TEST_F(Compat, UpgradeStepsStartAtTheCurrentHeads) {
  const std::vector<std::string> all = chain();
  const py::tuple current = py::make_tuple(all[2]);
  EXPECT_EQ(revisions_of(compat_.attr("upgrade_steps")(script_, "head", current)),
            std::vector<std::string>(all.begin() + 3, all.end()));
}

TEST_F(Compat, DowngradeStepsRunEveryRevisionBackInReverse) {
  std::vector<std::string> reversed = chain();
  std::reverse(reversed.begin(), reversed.end());
  const py::tuple at_head = py::make_tuple(reversed.front());
  EXPECT_EQ(revisions_of(compat_.attr("downgrade_steps")(script_, "base", at_head)), reversed);
}

TEST_F(Compat, StampStepsRunNoMigrationCode) {
  const py::tuple no_heads;
  py::list steps = compat_.attr("stamp_steps")(script_, py::make_tuple("head"), no_heads);
  ASSERT_EQ(steps.size(), 1u);
  // A stamp moves the version table only: no revision's upgrade() runs.
  EXPECT_EQ(py::str(steps[0].get_type().attr("__name__")).cast<std::string>(), "StampStep");
  EXPECT_EQ(revisions_of(steps), std::vector<std::string>{"<none>"});
}

TEST_F(Compat, OfflineOutputIsCapturedAndRestored) {
  py::object impl = py::module_::import("alembic.ddl.impl").attr("DefaultImpl");
  py::object before = impl.attr("static_output");
  py::list captured;
  py::cpp_function capture([&](py::object, py::object text) { captured.append(text); });
  {
    py::object manager = compat_.attr("offline_output")(capture);
    manager.attr("__enter__")();
    impl.attr("static_output")(py::none(), "CREATE TABLE t (x int)");
    manager.attr("__exit__")(py::none(), py::none(), py::none());
  }
  ASSERT_EQ(captured.size(), 1u);
  EXPECT_EQ(captured[0].cast<std::string>(), "CREATE TABLE t (x int)");
  EXPECT_TRUE(py::object(impl.attr("static_output")).is(before));
}

TEST_F(Compat, ConstraintFinalNameAppliesTheNamingConvention) {
  py::dict scope;
  py::exec(R"(
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})
table = sa.Table("plates", metadata, sa.Column("plate", sa.Text), sa.UniqueConstraint("plate"))
constraint = [c for c in table.constraints if isinstance(c, sa.UniqueConstraint)][0]
dialect = postgresql.dialect()
)",
           scope);
  EXPECT_EQ(compat_.attr("constraint_final_name")(scope["constraint"], scope["dialect"])
                .cast<std::string>(),
            "uq_plates_plate");
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
