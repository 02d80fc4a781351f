// Broken projects stop migsafe with an error that names the file and line, never with
// a traceback.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analyzer/alembic/project.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

using ::testing::HasSubstr;

template <class Error, class Call>
Error expect_error(Call&& call) {
  try {
    call();
  } catch (const Error& error) {
    return error;
  } catch (const std::exception& other) {
    ADD_FAILURE() << "unexpected exception: " << other.what();
    return Error("");
  }
  ADD_FAILURE() << "no exception";
  return Error("");
}

TEST(ProjectErrors, NoAlembicIni) {
  TempFolder temp;
  const auto error = expect_error<model::InputError>([&] { Project project(temp.path()); });
  EXPECT_EQ(std::string(error.what()), "no alembic.ini in " + temp.path().string());
  EXPECT_EQ(error.fix(), "pass the folder that holds alembic.ini, or the .ini file");

  const auto missing = expect_error<model::InputError>(
      [&] { Project project(temp.path() / "not-there"); });
  EXPECT_THAT(missing.what(), HasSubstr("no alembic.ini in"));
}

// The hint is a line to paste into alembic.ini: one %, as ConfigParser reads it.
TEST(ProjectErrors, NoScriptLocationSaysTheLineToAdd) {
  TempFolder temp;
  std::ofstream(temp.path() / "alembic.ini") << "[alembic]\nsqlalchemy.url = sqlite://\n";
  const auto error = expect_error<model::InputError>([&] { Project project(temp.path()); });
  EXPECT_THAT(error.what(), HasSubstr("has no script_location"));
  EXPECT_EQ(error.fix(), "add `script_location = %(here)s/migrations` to the [alembic] section");
}

TEST(ProjectErrors, SyntaxErrorNamesFileAndLine) {
  Project project(fixture("syntax_error"));
  const auto error = expect_error<model::InputError>([&] { project.revisions(); });
  EXPECT_THAT(error.what(),
              HasSubstr("migrations/versions/f6a7b8c9d0e1_add_plates.py:17: SyntaxError: "));
  EXPECT_THAT(error.what(), HasSubstr("expected ':'"));
  EXPECT_THAT(error.fix(), HasSubstr("py_compile"));
  EXPECT_THROW(project.heads(), model::InputError);
}

// Alembic warns of an id in two files only when it first builds its revision map: asked
// again (check reads the history before its walk, then in each check), the error is the
// same, not Alembic's "Requested revision ... overlaps".
TEST(ProjectErrors, ARevisionIdInTwoFilesIsTheSameErrorEveryTime) {
  TempFolder temp;
  std::filesystem::copy(fixture("reggie"), temp.path() / "reggie",
                        std::filesystem::copy_options::recursive);
  const auto versions = temp.path() / "reggie/migrations/versions";
  std::filesystem::copy_file(versions / "1a5c2e7b9d01_create_users.py",
                             versions / "copy_of_first.py");
  Project project(temp.path() / "reggie");
  for (int time = 1; time <= 3; ++time) {
    const auto error = expect_error<model::InputError>([&] { project.revisions(); });
    EXPECT_THAT(error.what(), HasSubstr("is defined in 2 files")) << "call " << time;
    EXPECT_THAT(error.what(), HasSubstr("copy_of_first.py")) << "call " << time;
  }
  EXPECT_THROW(project.heads(), model::InputError);
}

TEST(ProjectErrors, EnvPyRaisingNamesEnvPyAndLine) {
  Project project(fixture("env_raises"));
  TempFolder temp;
  project.set_url(temp.sqlite_url());
  const auto error = expect_error<model::InputError>([&] { project.upgrade("head"); });
  EXPECT_EQ(std::string(error.what()),
            "env.py (migrations/env.py:15) raised RuntimeError: REGGIE_STAGE is not set: "
            "refusing to guess which database to migrate");
  EXPECT_THAT(error.fix(), HasSubstr("fix env.py"));
  EXPECT_THROW(project.offline_sql("base", "head", "postgresql"), model::InputError);
}

TEST(ProjectErrors, TwoHeadsAndUnknownRevisions) {
  Project project(fixture("two_heads"));
  TempFolder temp;
  project.set_url(temp.sqlite_url());
  const auto heads = expect_error<model::InputError>([&] { project.upgrade("head"); });
  EXPECT_THAT(heads.what(), HasSubstr("Multiple head revisions"));
  EXPECT_THAT(heads.fix(), HasSubstr("alembic merge heads"));
  const auto unknown = expect_error<model::InputError>([&] { project.upgrade("0123abcd"); });
  EXPECT_THAT(unknown.what(), HasSubstr("Can't locate revision identified by '0123abcd'"));
}

TEST(ProjectErrors, MigratingNeedsAScratchUrl) {
  Project project(fixture("reggie"));
  EXPECT_THROW(project.upgrade("head"), model::UsageError);
  EXPECT_THROW(project.stamp("base"), model::UsageError);
  EXPECT_THROW(project.downgrade("base"), model::UsageError);
  EXPECT_THROW(project.run_seed("app.seed:seed"), model::UsageError);
}

TEST(ProjectErrors, IniWithoutAlembicSection) {
  TempFolder temp;
  std::ofstream(temp.path() / "alembic.ini") << "[something]\nkey = value\n";
  const auto error = expect_error<model::InputError>([&] { Project project(temp.path()); });
  EXPECT_THAT(error.what(), HasSubstr("has no [alembic] section"));
}

TEST(ProjectErrors, BadSeedSpecAndMissingSeedModule) {
  Project project(fixture("reggie"));
  TempFolder temp;
  project.set_url(temp.sqlite_url());
  EXPECT_THROW(project.run_seed("app.seed"), model::InputError);
  const auto error = expect_error<model::InputError>([&] { project.run_seed("app.nothere:seed"); });
  EXPECT_THAT(error.what(), HasSubstr("ModuleNotFoundError: No module named 'app.nothere'"));
}

TEST(ProjectSettings, AreWhatAlembicAndEnvPyConfigure) {
  Project project(fixture("reggie"));
  const ProjectSettings settings = project.settings();
  EXPECT_EQ(settings.script_location, (fixture("reggie") / "migrations").string());
  EXPECT_EQ(settings.version_table, "alembic_version");  // env.py names none
  EXPECT_EQ(settings.version_table_schema, "");
  EXPECT_EQ(settings.configured_url, project.configured_url());
}

TEST(ProjectModels, ReachEnvPysTargetMetadata) {
  Project project(fixture("reggie"));
  EXPECT_TRUE(project.has_models("postgresql"));
  const std::string exported = project.export_models(R"({"metadata": "", "dialect": "postgresql"})");
  for (const char* table : {"api_keys", "plate_lookups", "plates", "rate_limit_buckets",
                            "sessions", "users"}) {
    EXPECT_THAT(exported, HasSubstr(std::string("\"name\": \"") + table + "\""));
  }
}

TEST(ProjectModels, ModelErrorsBecomeInputErrors) {
  Project project(fixture("reggie"));
  const auto error = expect_error<model::InputError>([&] {
    project.export_models(R"({"metadata": "app.nothere:Base", "dialect": "postgresql"})");
  });
  EXPECT_THAT(error.what(), HasSubstr("app.nothere"));
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
