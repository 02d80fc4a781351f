// GitHub Actions workflow commands: one annotation per finding, e.g.
//   ::error file=a.py,line=3,col=5,title=ban-drop-column::Dropping a column ...
// Escaping follows the runner's rules (actions/toolkit, command.ts): in the message
// % CR LF; in properties also ':' and ','.
#include <string>
#include <string_view>

#include "cli/report/formats.hpp"
#include "cli/report/output_buffer.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

enum class Escape { data, property };

// Appends `text` escaped for a message (data) or a property value, each run of
// characters that need no escape at once.
void append_escaped(OutputBuffer& out, std::string_view text, Escape escape) {
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view code;
    switch (text[i]) {
      case '%':
        code = "%25";
        break;
      case '\r':
        code = "%0D";
        break;
      case '\n':
        code = "%0A";
        break;
      case ':':
        if (escape == Escape::property) code = "%3A";
        break;
      case ',':
        if (escape == Escape::property) code = "%2C";
        break;
      default:
        break;
    }
    if (code.empty()) continue;
    out << text.substr(plain, i - plain);
    out << code;
    plain = i + 1;
  }
  out << text.substr(plain);
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

class GithubRenderer : public Renderer {
 public:
  explicit GithubRenderer(std::ostream& out) : out_(out) {}

  void start(const model::Report& report) override { command_ = report.command; }

  void add(const model::Finding& finding) override {
    summary_.count(finding.severity);
    const auto& at = finding.location;
    out_ << "::";
    out_ << command_for(finding.severity);
    out_ << ' ';
    bool first = true;
    auto property = [&](std::string_view key, std::string_view value) {
      if (!first) out_ << ',';
      first = false;
      out_ << key;
      out_ << '=';
      append_escaped(out_, value, Escape::property);
    };
    if (!at.file.empty()) property("file", at.file);
    if (at.line > 0) property("line", std::to_string(at.line));
    if (at.column > 0) property("col", std::to_string(at.column));
    property("title", finding.rule);
    out_ << "::";
    append_escaped(out_, finding.message, Escape::data);
    if (!finding.help.empty()) {
      append_escaped(out_, "\nhelp: ", Escape::data);
      append_escaped(out_, finding.help, Escape::data);
    }
    out_ << '\n';
    out_.write_if_full();
  }

  void finish() override {
    out_ << "migsafe " << command_ << ": " << summary_.errors << " errors, " << summary_.warnings
         << " warnings, " << summary_.infos << " infos\n";
    out_.write();
  }

 private:
  OutputBuffer out_;
  std::string command_;
  Summary summary_;
};

}  // namespace

std::unique_ptr<Renderer> github_renderer(std::ostream& out, const RenderOptions&) {
  return std::make_unique<GithubRenderer>(out);
}

void github_error(std::ostream& out, const RunError& error) {
  OutputBuffer buffer(out);
  buffer << "::error title=migsafe " << error.command << " could not run::";
  append_escaped(buffer, error.message, Escape::data);
  if (!error.help.empty()) {
    buffer << "%0Afix: ";
    append_escaped(buffer, error.help, Escape::data);
  }
  buffer << "\n";
  buffer.write();
}

}  // namespace migsafe::cli::report
