// The human format, in the rustc/squawk style:
//
//   error[require-if-not-exists]: CREATE TABLE without IF NOT EXISTS
//     --> migrations/versions/3f2a_add_plates.py:21:5
//      |
//   21 |     op.execute("CREATE TABLE plates (id int)")
//      |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//      |
//      = lock: ACCESS EXCLUSIVE on plates (blocks reads and writes)
//   help: write CREATE TABLE IF NOT EXISTS plates (...)
#include <algorithm>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "cli/report/formats.hpp"
#include "cli/report/source_lines.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

class Paint {
 public:
  explicit Paint(Color color) : on_(color == Color::always) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    if (!on_) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }

 private:
  bool on_;
};

std::string_view severity_color(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return "1;31";
    case model::Severity::warning:
      return "1;33";
    case model::Severity::info:
      return "1;36";
  }
  return "1";
}

constexpr std::string_view gutter_color = "1;34";

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of 1-based character column `column` in `line` (columns count UTF-8
// characters, as model::line_column_at does).
std::size_t byte_of_column(const std::string& line, int column) {
  std::size_t byte = 0;
  for (int c = 1; c < column && byte < line.size(); ++c) {
    ++byte;
    while (byte < line.size() && is_continuation(line[byte])) ++byte;
  }
  return byte;
}

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

// The first line of `text`, at most `max_characters` long; " ..." marks a cut.
std::string first_line(const std::string& text, std::size_t max_characters) {
  const std::size_t newline = text.find('\n');
  std::string line = text.substr(0, newline);
  bool cut = newline != std::string::npos;
  if (characters(line) > max_characters) {
    line.resize(byte_of_column(line, static_cast<int>(max_characters) + 1));
    cut = true;
  }
  return cut ? line + " ..." : line;
}

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string plural(int count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

void render_checks(const model::Report& report, std::ostream& out, const Paint& paint) {
  std::size_t width = 5;
  for (const auto& check : report.checks) width = std::max(width, check.name.size());
  for (const auto& check : report.checks) {
    const std::string status(model::check_status_name(check.status));
    std::string_view color = check.status == model::CheckStatus::passed   ? "32"
                             : check.status == model::CheckStatus::failed ? "1;31"
                                                                          : "2";
    std::ostringstream line;
    line << std::left << std::setw(static_cast<int>(width)) << check.name << "  "
         << paint(color, status) << std::string(8 - status.size(), ' ') << std::right
         << std::setw(7) << check.duration_ms << " ms";
    if (!check.note.empty()) line << "  " << check.note;
    out << line.str() << '\n';
  }
  out << '\n';
}

void render_finding(const model::Finding& finding, std::ostream& out, const Paint& paint,
                    SourceLines& sources) {
  const auto& at = finding.location;
  out << paint(severity_color(finding.severity),
               std::string(model::severity_name(finding.severity)) + "[" + finding.rule + "]")
      << paint("1", ": " + finding.message) << '\n';

  const std::string line_number = at.line > 0 ? std::to_string(at.line) : "";
  const std::string pad(line_number.size(), ' ');
  const std::string bar = paint(gutter_color, pad + " |");

  if (!at.file.empty()) {
    std::string where = at.file;
    if (at.line > 0) where += ":" + std::to_string(at.line);
    if (at.line > 0 && at.column > 0) where += ":" + std::to_string(at.column);
    out << pad << paint(gutter_color, "--> ") << where << '\n';
  }

  bool statement_shown = false;
  if (auto source = sources.line(at.file, at.line)) {
    const std::size_t start = byte_of_column(*source, std::max(at.column, 1));
    const std::size_t end = source->find_last_not_of(" \t") + 1;
    std::string indent;
    for (std::size_t i = 0; i < start; ++i) {
      if (is_continuation((*source)[i])) continue;
      indent += (*source)[i] == '\t' ? '\t' : ' ';
    }
    const std::size_t span =
        std::max<std::size_t>(1, end > start ? characters(source->substr(start, end - start)) : 1);
    out << bar << '\n';
    out << paint(gutter_color, line_number + " |") << ' ' << *source << '\n';
    out << bar << ' ' << indent
        << paint(severity_color(finding.severity), std::string(span, '^')) << '\n';
    statement_shown = !finding.statement.empty() &&
                      source->find(trim(finding.statement.substr(0, finding.statement.find('\n')))) !=
                          std::string::npos;
  }

  const bool has_notes = !at.revision.empty() || !finding.lock.empty() ||
                         (!finding.statement.empty() && !statement_shown);
  if (has_notes) out << bar << '\n';
  const std::string note = paint(gutter_color, pad + " =");
  if (!at.revision.empty()) out << note << " revision: " << at.revision << '\n';
  if (!finding.statement.empty() && !statement_shown)
    out << note << " statement: " << first_line(trim(finding.statement), 100) << '\n';
  if (!finding.lock.empty()) out << note << " lock: " << finding.lock << '\n';
  if (!finding.help.empty()) out << paint("1", "help") << ": " << finding.help << '\n';
  out << '\n';
}

void render_summary(const model::Report& report, std::ostream& out, const Paint& paint) {
  const Summary summary = summarize(report.findings);
  std::string line = plural(summary.errors, "error") + ", " +
                     plural(summary.warnings, "warning") + ", " + plural(summary.infos, "info");
  if (!report.checks.empty()) {
    int passed = 0, failed = 0, skipped = 0;
    for (const auto& check : report.checks) {
      if (check.status == model::CheckStatus::passed) ++passed;
      if (check.status == model::CheckStatus::failed) ++failed;
      if (check.status == model::CheckStatus::skipped) ++skipped;
    }
    line += "; checks: " + std::to_string(passed) + " passed, " + std::to_string(failed) +
            " failed, " + std::to_string(skipped) + " skipped";
  }
  std::string_view color = summary.errors > 0     ? severity_color(model::Severity::error)
                           : summary.warnings > 0 ? severity_color(model::Severity::warning)
                                                  : "1;32";
  out << paint(color, "summary") << ": " << line << '\n';
}

}  // namespace

void render_text(const model::Report& report, std::ostream& out, const RenderOptions& options) {
  const Paint paint(options.color);
  if (!report.checks.empty()) render_checks(report, out, paint);
  SourceLines sources(options.base_dir);
  for (const auto& finding : report.findings) render_finding(finding, out, paint, sources);
  render_summary(report, out, paint);
}

}  // namespace migsafe::cli::report
