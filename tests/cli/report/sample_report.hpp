#pragma once

#include "model/report.hpp"

namespace migsafe::tests {

// A check report with one lint error and one warning, the shape docs/cli.md documents.
inline model::Report sample_report(const std::string& file = "migrations/versions/3f2a_add_plates.py") {
  model::Report report;
  report.command = "check";
  report.project = "fixtures/alembic/reggie";
  report.database = {"postgresql", "17.10", "scratch-cluster"};
  report.checks = {{"replay", model::CheckStatus::failed, 812, ""},
                   {"lint", model::CheckStatus::passed, 12, ""}};
  model::Finding error;
  error.check = "replay";
  error.rule = "require-if-not-exists";
  error.severity = model::Severity::error;
  error.message = "revision 3f2a1c0d9b7e fails when run again: relation \"plates\" already exists";
  error.help = "write CREATE TABLE IF NOT EXISTS plates (...)";
  error.location = {file, 21, 5, "3f2a1c0d9b7e"};
  error.statement = "CREATE TABLE plates (id int)";
  model::Finding warning;
  warning.check = "lint";
  warning.rule = "prefer-text-field";
  warning.severity = model::Severity::warning;
  warning.message = "varchar(20), with a comma: and colon\nsecond line 100%";
  warning.location = {file, 22, 9, "3f2a1c0d9b7e"};
  warning.lock = "ACCESS EXCLUSIVE on plates: blocks reads and writes";
  report.findings = {error, warning};
  return report;
}

}  // namespace migsafe::tests
