// GitHub Actions workflow commands: one annotation per finding, e.g.
//   ::error file=a.py,line=3,col=5,title=ban-drop-column::Dropping a column ...
// Escaping follows the runner's rules (actions/toolkit, command.ts): in the message
// % CR LF; in properties also ':' and ','.
#include <ostream>

#include "cli/report/formats.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

std::string escape_data(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_property(const std::string& text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string_view command_for(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return "error";
    case model::Severity::warning:
      return "warning";
    case model::Severity::info:
      return "notice";
  }
  return "error";
}

}  // namespace

void render_github(const model::Report& report, std::ostream& out, const RenderOptions&) {
  for (const auto& finding : report.findings) {
    const auto& at = finding.location;
    std::string properties;
    auto add = [&](std::string_view key, const std::string& value) {
      if (!properties.empty()) properties += ',';
      properties += std::string(key) + "=" + escape_property(value);
    };
    if (!at.file.empty()) add("file", at.file);
    if (at.line > 0) add("line", std::to_string(at.line));
    if (at.column > 0) add("col", std::to_string(at.column));
    add("title", finding.rule);
    std::string message = finding.message;
    if (!finding.help.empty()) message += "\nhelp: " + finding.help;
    out << "::" << command_for(finding.severity) << ' ' << properties
        << "::" << escape_data(message) << '\n';
  }
  const Summary summary = summarize(report.findings);
  out << "migsafe " << report.command << ": " << summary.errors << " errors, " << summary.warnings
      << " warnings, " << summary.infos << " infos\n";
}

}  // namespace migsafe::cli::report
