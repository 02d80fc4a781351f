// CLI.md's JSON shape. Keys keep CLI.md's order; unknown values are null, never "".
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/report/formats.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

using json = nlohmann::ordered_json;

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
json number_or_null(int number) { return number > 0 ? json(number) : json(nullptr); }

json database_json(const model::DatabaseDescription& database) {
  if (database.dialect.empty()) return nullptr;
  return {{"dialect", database.dialect},
          {"server_version", text_or_null(database.server_version)},
          {"kind", text_or_null(database.kind)}};
}

json check_json(const model::CheckResult& check) {
  json out = {{"name", check.name},
              {"status", std::string(model::check_status_name(check.status))},
              {"duration_ms", check.duration_ms}};
  if (!check.note.empty()) out["note"] = check.note;
  return out;
}

json finding_json(const model::Finding& finding) {
  const auto& at = finding.location;
  json out = {{"check", finding.check},
              {"rule", finding.rule},
              {"severity", std::string(model::severity_name(finding.severity))},
              {"message", finding.message},
              {"help", text_or_null(finding.help)},
              {"location",
               {{"file", text_or_null(at.file)},
                {"line", number_or_null(at.line)},
                {"column", number_or_null(at.column)},
                {"revision", text_or_null(at.revision)}}},
              {"statement", text_or_null(finding.statement)}};
  if (!finding.lock.empty()) out["lock"] = finding.lock;
  return out;
}

}  // namespace

void render_json(const model::Report& report, std::ostream& out, const RenderOptions&) {
  json checks = json::array();
  for (const auto& check : report.checks) checks.push_back(check_json(check));
  json findings = json::array();
  for (const auto& finding : report.findings) findings.push_back(finding_json(finding));
  const Summary summary = summarize(report.findings);
  const json document = {
      {"migsafe", MIGSAFE_VERSION},
      {"command", report.command},
      {"project", text_or_null(report.project)},
      {"database", database_json(report.database)},
      {"checks", std::move(checks)},
      {"findings", std::move(findings)},
      {"summary",
       {{"errors", summary.errors}, {"warnings", summary.warnings}, {"infos", summary.infos}}}};
  // Invalid UTF-8 in a message or statement (a non-UTF-8 input file) must not throw.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace migsafe::cli::report
