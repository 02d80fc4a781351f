// SARIF 2.1.0 (OASIS): one run, tool.driver lists every rule a finding names, each
// result points at its rule by id and index.
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/report/formats.hpp"
#include "cli/report/output_buffer.hpp"
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

// A SARIF physicalLocation: the file, and the line, column and statement when known.
json physical_location(const model::Location& at, const std::string& statement) {
  json physical = {{"artifactLocation", {{"uri", path_uri(at.file)}}}};
  if (at.line > 0) {
    json region = {{"startLine", at.line}};
    if (at.column > 0) region["startColumn"] = at.column;
    if (!statement.empty()) region["snippet"] = {{"text", statement}};
    physical["region"] = std::move(region);
  }
  return physical;
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
    result["locations"] =
        json::array({{{"physicalLocation", physical_location(at, finding.statement)}}});
  }
  // The other statements of the same cause (Finding::occurrences; the first is the
  // result's own location).
  json related = json::array();
  for (std::size_t i = 1; i < finding.occurrences.size(); ++i) {
    const model::Occurrence& occurrence = finding.occurrences[i];
    if (occurrence.location.file.empty()) continue;
    const std::string& statement = occurrence.statement;
    related.push_back({{"id", i},
                       {"physicalLocation", physical_location(occurrence.location, statement)},
                       {"message", {{"text", statement.substr(0, statement.find('\n'))}}}});
  }
  if (!related.empty()) result["relatedLocations"] = std::move(related);
  json properties = {{"check", finding.check}};
  if (!at.revision.empty()) properties["revision"] = at.revision;
  if (!finding.lock.empty()) properties["lock"] = finding.lock;
  properties["proven"] = finding.proven;
  if (!finding.deploy_order.empty()) properties["deploy_order"] = finding.deploy_order;
  if (!finding.code.empty()) properties["code"] = finding.code;
  result["properties"] = std::move(properties);
  return result;
}

// `value` dumped as nlohmann's dump(2) writes it nested at `indent`: its pretty printer
// indents each level by the same amount, and a dumped string never holds a raw newline.
void write_nested(OutputBuffer& out, const json& value, std::string_view indent) {
  const std::string text = value.dump(2, ' ', false, json::error_handler_t::replace);
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out << std::string_view(text).substr(from, nl + 1 - from) << indent;
    from = nl + 1;
  }
  out << std::string_view(text).substr(from);
}

// SARIF lists every rule before the results that point at them, so the findings are
// held until finish(). The bytes are the same as one nlohmann document dumped with an
// indent of 2, but results are converted and written one at a time, so the report never
// holds every finding twice.
class SarifRenderer : public Renderer {
 public:
  SarifRenderer(std::ostream& out, const RenderOptions& options) : out_(out), options_(options) {}

  void start(const model::Report&) override {}

  void add(const model::Finding& finding) override { findings_.push_back(finding); }

  void finish() override {
    json rules = json::array();
    std::map<std::string, std::size_t> rule_index;
    std::vector<std::size_t> result_rule;
    result_rule.reserve(findings_.size());
    for (const auto& finding : findings_) {
      auto [it, added] = rule_index.emplace(finding.rule, rules.size());
      if (added) rules.push_back(rule_json(finding, options_));
      result_rule.push_back(it->second);
    }
    const json tool = {{"driver",
                        {{"name", "migsafe"},
                         {"version", MIGSAFE_VERSION},
                         {"semanticVersion", MIGSAFE_VERSION},
                         {"rules", std::move(rules)}}}};
    out_ << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
            "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ";
    write_nested(out_, tool, "      ");
    out_ << ",\n      \"results\": ";
    if (findings_.empty()) {
      out_ << "[]";
    } else {
      out_ << '[';
      for (std::size_t i = 0; i < findings_.size(); ++i) {
        out_ << (i == 0 ? "\n" : ",\n") << "        ";
        write_nested(out_, result_json(findings_[i], result_rule[i]), "        ");
        out_.write_if_full();
      }
      out_ << "\n      ]";
    }
    out_ << "\n    }\n  ]\n}\n";
    out_.write();
  }

 private:
  OutputBuffer out_;
  RenderOptions options_;
  std::vector<model::Finding> findings_;
};

}  // namespace

std::unique_ptr<Renderer> sarif_renderer(std::ostream& out, const RenderOptions& options) {
  return std::make_unique<SarifRenderer>(out, options);
}

// A run that did not finish: no results, executionSuccessful false, and the error as a
// tool execution notification (what code scanning shows for a failed analysis).
void sarif_error(std::ostream& out, const RunError& error) {
  const std::string text = error.help.empty() ? error.message : error.message + " (fix: " + error.help + ")";
  const json document = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool",
          {{"driver",
            {{"name", "migsafe"},
             {"version", MIGSAFE_VERSION},
             {"semanticVersion", MIGSAFE_VERSION}}}}},
         {"invocations",
          {{{"executionSuccessful", false},
            {"toolExecutionNotifications",
             {{{"level", "error"}, {"message", {{"text", text}}}}}}}}},
         {"results", json::array()}}}},
  };
  out << document.dump(2) << "\n";
}

}  // namespace migsafe::cli::report
