// SARIF 2.1.0 (OASIS): one run, tool.driver lists every rule a finding names, each
// result points at its rule by id and index.
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

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

}  // namespace

void render_sarif(const model::Report& report, std::ostream& out, const RenderOptions& options) {
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json results = json::array();
  for (const auto& finding : report.findings) {
    auto [it, added] = rule_index.emplace(finding.rule, rules.size());
    if (added) rules.push_back(rule_json(finding, options));
    results.push_back(result_json(finding, it->second));
  }
  const json document = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool",
                              {{"driver",
                                {{"name", "migsafe"},
                                 {"version", MIGSAFE_VERSION},
                                 {"semanticVersion", MIGSAFE_VERSION},
                                 {"rules", std::move(rules)}}}}},
                             {"results", std::move(results)}}})}};
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace migsafe::cli::report
