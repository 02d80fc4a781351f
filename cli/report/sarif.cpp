// SARIF 2.1.0 (OASIS): one run, tool.driver lists every rule a finding names, each
// result points at its rule by id and index.
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/report/formats.hpp"
#include "cli/report/rule_catalog.hpp"

namespace migsafe::cli::report {

namespace {

using json = nlohmann::ordered_json;

std::string_view level_for(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return "error";
    case model::Severity::warning:
      return "warning";
    case model::Severity::info:
      return "note";
  }
  return "error";
}

// A path as a URI reference (RFC 3986): relative paths stay relative (code scanning
// resolves them against the checkout), absolute ones become file:// URIs.
std::string path_uri(const std::string& path) {
  static const std::string unreserved = "-._~/!$&'()*+,;=:@";
  std::string out = path.size() > 0 && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) != 0 || unreserved.find(static_cast<char>(c)) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0F];
    }
  }
  return out;
}

json rule_json(const model::Finding& first, const RenderOptions& options) {
  const auto info = describe_rule(first.rule);
  json rule = {{"id", first.rule}};
  rule["shortDescription"] = {{"text", info ? info->summary : first.rule}};
  if (info || first.check == "lint") rule["helpUri"] = options.docs_base_uri + first.rule + ".md";
  rule["defaultConfiguration"] = {
      {"level", std::string(level_for(info ? info->default_severity : first.severity))}};
  rule["properties"] = {{"check", first.check}};
  return rule;
}

json result_json(const model::Finding& finding, std::size_t rule_index) {
  const auto& at = finding.location;
  std::string text = finding.message;
  if (!finding.help.empty()) text += "\nhelp: " + finding.help;
  json result = {{"ruleId", finding.rule},
                 {"ruleIndex", rule_index},
                 {"level", std::string(level_for(finding.severity))},
                 {"message", {{"text", text}}}};
  if (!at.file.empty()) {
    json physical = {{"artifactLocation", {{"uri", path_uri(at.file)}}}};
    if (at.line > 0) {
      json region = {{"startLine", at.line}};
      if (at.column > 0) region["startColumn"] = at.column;
      if (!finding.statement.empty()) region["snippet"] = {{"text", finding.statement}};
      physical["region"] = std::move(region);
    }
    result["locations"] = json::array({{{"physicalLocation", std::move(physical)}}});
  }
  json properties = {{"check", finding.check}};
  if (!at.revision.empty()) properties["revision"] = at.revision;
  if (!finding.lock.empty()) properties["lock"] = finding.lock;
  result["properties"] = std::move(properties);
  return result;
}

// `value` dumped as nlohmann's dump(2) writes it nested at `indent`: its pretty printer
// indents each level by the same amount, and a dumped string never holds a raw newline.
void write_nested(std::ostream& out, const json& value, std::string_view indent) {
  const std::string text = value.dump(2, ' ', false, json::error_handler_t::replace);
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
    out << indent;
    from = nl + 1;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

}  // namespace

// The same bytes as one nlohmann document dumped with an indent of 2, but results are
// converted and written one at a time, so the report never holds every finding twice.
void render_sarif(const model::Report& report, std::ostream& out, const RenderOptions& options) {
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  std::vector<std::size_t> result_rule;
  result_rule.reserve(report.findings.size());
  for (const auto& finding : report.findings) {
    auto [it, added] = rule_index.emplace(finding.rule, rules.size());
    if (added) rules.push_back(rule_json(finding, options));
    result_rule.push_back(it->second);
  }
  const json tool = {{"driver",
                      {{"name", "migsafe"},
                       {"version", MIGSAFE_VERSION},
                       {"semanticVersion", MIGSAFE_VERSION},
                       {"rules", std::move(rules)}}}};
  out << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
         "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ";
  write_nested(out, tool, "      ");
  out << ",\n      \"results\": ";
  if (report.findings.empty()) {
    out << "[]";
  } else {
    out << '[';
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
      out << (i == 0 ? "\n" : ",\n") << "        ";
      write_nested(out, result_json(report.findings[i], result_rule[i]), "        ");
    }
    out << "\n      ]";
  }
  out << "\n    }\n  ]\n}\n";
}

}  // namespace migsafe::cli::report
