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
//
// A finding that stands for several statements (one missing lock_timeout for a whole
// transaction) lists the others as `= also: FILE:LINE:COLUMN: STATEMENT` notes.
#include <algorithm>
#include <iomanip>
#include <sstream>

#include "cli/report/formats.hpp"
#include "cli/report/output_buffer.hpp"
#include "cli/report/source_lines.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

// Appends text in an ANSI colour when colour is on; the pieces of one coloured span are
// appended between open() and close(). `Out` is the OutputBuffer, or the ostringstream
// a check's line is laid out in.
class Paint {
 public:
  explicit Paint(Color color) : on_(color == Color::always) {}
  template <typename Out>
  void open(Out& out, std::string_view code) const {
    if (!on_) return;
    out << "\x1b[" << code << 'm';
  }
  template <typename Out>
  void close(Out& out) const {
    if (on_) out << "\x1b[0m";
  }
  template <typename Out>
  void operator()(Out& out, std::string_view code, std::string_view text) const {
    open(out, code);
    out << text;
    close(out);
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
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t byte = 0;
  for (int c = 1; c < column && byte < line.size(); ++c) {
    ++byte;
    while (byte < line.size() && is_continuation(line[byte])) ++byte;
  }
  return byte;
}

// Control bytes (from a binary file, or an escape sequence in SQL) are printed as \xNN:
// written raw they would drive the terminal. Tabs stay: they lay out source lines.
bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7f;
}

constexpr std::size_t control_width = 4;  // "\x1b"

void append_visible(OutputBuffer& out, std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_control(text[i])) continue;
    out << text.substr(plain, i - plain);
    const auto byte = static_cast<unsigned char>(text[i]);
    const char escaped[] = {'\\', 'x', hex[byte >> 4], hex[byte & 0xf]};
    out << std::string_view(escaped, sizeof escaped);
    plain = i + 1;
  }
  out << text.substr(plain);
}

// Width on the terminal, in characters, as append_visible prints it.
std::size_t characters(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if (is_continuation(c)) continue;
    width += is_control(c) ? control_width : 1;
  }
  return width;
}

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// Appends the first line of `text`, at most `max_characters` long; " ..." marks a cut.
void append_first_line(OutputBuffer& out, std::string_view text, std::size_t max_characters) {
  const std::size_t newline = text.find('\n');
  std::string_view line = text.substr(0, newline);
  bool cut = newline != std::string_view::npos;
  if (characters(line) > max_characters) {
    line = line.substr(0, byte_of_column(line, static_cast<int>(max_characters) + 1));
    cut = true;
  }
  append_visible(out, line);
  if (cut) out << " ...";
}

std::string plural(int count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

void render_checks(const std::vector<model::CheckResult>& checks, OutputBuffer& out,
                   const Paint& paint) {
  std::size_t width = 5;
  for (const auto& check : checks) width = std::max(width, check.name.size());
  for (const auto& check : checks) {
    const std::string status(model::check_status_name(check.status));
    std::string_view color = check.status == model::CheckStatus::passed   ? "32"
                             : check.status == model::CheckStatus::failed ? "1;31"
                                                                          : "2";
    std::ostringstream line;
    line << std::left << std::setw(static_cast<int>(width)) << check.name << "  ";
    paint(line, color, status);
    line << std::string(8 - status.size(), ' ') << std::right << std::setw(7) << check.duration_ms
         << " ms";
    if (!check.note.empty()) line << "  " << check.note;
    out << line.str();
    out << '\n';
  }
  out << '\n';
}

void render_finding(const model::Finding& finding, OutputBuffer& out, const Paint& paint,
                    SourceLines& sources) {
  const auto& at = finding.location;
  const std::string_view color = severity_color(finding.severity);
  paint.open(out, color);
  out << model::severity_name(finding.severity);
  out << '[';
  out << finding.rule;
  out << ']';
  paint.close(out);
  paint.open(out, "1");
  out << ": ";
  append_visible(out, finding.message);
  paint.close(out);
  out << '\n';

  const std::string line_number = at.line > 0 ? std::to_string(at.line) : "";
  const std::string pad(line_number.size(), ' ');
  auto bar = [&] {
    paint.open(out, gutter_color);
    out << pad;
    out << " |";
    paint.close(out);
  };

  if (!at.file.empty()) {
    out << pad;
    paint(out, gutter_color, "--> ");
    out << at.file;
    if (at.line > 0) {
      out << ':';
      out << line_number;
    }
    if (at.line > 0 && at.column > 0) {
      out << ':';
      out << std::to_string(at.column);
    }
    out << '\n';
  }

  bool statement_shown = false;
  if (const std::string* source = sources.line(at.file, at.line)) {
    const std::size_t start = byte_of_column(*source, std::max(at.column, 1));
    const std::size_t end = source->find_last_not_of(" \t") + 1;
    const std::size_t span = std::max<std::size_t>(
        1, end > start ? characters(std::string_view(*source).substr(start, end - start)) : 1);
    bar();
    out << '\n';
    paint.open(out, gutter_color);
    out << line_number;
    out << " |";
    paint.close(out);
    out << ' ';
    append_visible(out, *source);
    out << '\n';
    bar();
    out << ' ';
    for (std::size_t i = 0; i < start; ++i) {
      const char c = (*source)[i];
      if (is_continuation(c)) continue;
      if (is_control(c)) {
        out.repeat(' ', control_width);
      } else {
        out << (c == '\t' ? '\t' : ' ');
      }
    }
    paint.open(out, color);
    out.repeat('^', span);
    paint.close(out);
    out << '\n';
    const std::string_view statement = finding.statement;
    statement_shown = !statement.empty() &&
                      source->find(trim(statement.substr(0, statement.find('\n')))) != std::string::npos;
  }

  const bool has_notes = !at.revision.empty() || !finding.lock.empty() ||
                         (!finding.statement.empty() && !statement_shown) ||
                         finding.occurrences.size() > 1;
  if (has_notes) {
    bar();
    out << '\n';
  }
  auto note = [&](std::string_view label) {
    paint.open(out, gutter_color);
    out << pad;
    out << " =";
    paint.close(out);
    out << label;
  };
  if (!at.revision.empty()) {
    note(" revision: ");
    out << at.revision;
    out << '\n';
  }
  if (!finding.statement.empty() && !statement_shown) {
    note(" statement: ");
    append_first_line(out, trim(finding.statement), 100);
    out << '\n';
  }
  if (!finding.lock.empty()) {
    note(" lock: ");
    append_visible(out, finding.lock);
    out << '\n';
  }
  // The other statements of the same cause, one line each (the first is the one above).
  for (std::size_t i = 1; i < finding.occurrences.size(); ++i) {
    const model::Occurrence& occurrence = finding.occurrences[i];
    note(" also: ");
    out << occurrence.location.file;
    if (occurrence.location.line > 0) {
      out << ':';
      out << std::to_string(occurrence.location.line);
    }
    if (occurrence.location.line > 0 && occurrence.location.column > 0) {
      out << ':';
      out << std::to_string(occurrence.location.column);
    }
    if (!occurrence.statement.empty()) {
      out << ": ";
      append_first_line(out, trim(occurrence.statement), 80);
    }
    out << '\n';
  }
  if (!finding.help.empty()) {
    paint(out, "1", "help");
    out << ": ";
    append_visible(out, finding.help);
    out << '\n';
  }
  out << '\n';
}

class TextRenderer : public Renderer {
 public:
  TextRenderer(std::ostream& out, const RenderOptions& options)
      : out_(out), paint_(options.color), sources_(options.base_dir) {}

  void start(const model::Report& report) override {
    checks_ = report.checks;
    if (!checks_.empty()) render_checks(checks_, out_, paint_);
  }

  void add(const model::Finding& finding) override {
    summary_.count(finding.severity);
    render_finding(finding, out_, paint_, sources_);
    out_.write_if_full();
  }

  void finish() override {
    std::string line = plural(summary_.errors, "error") + ", " +
                       plural(summary_.warnings, "warning") + ", " + plural(summary_.infos, "info");
    if (!checks_.empty()) {
      int passed = 0, failed = 0, skipped = 0;
      for (const auto& check : checks_) {
        if (check.status == model::CheckStatus::passed) ++passed;
        if (check.status == model::CheckStatus::failed) ++failed;
        if (check.status == model::CheckStatus::skipped) ++skipped;
      }
      line += "; checks: " + std::to_string(passed) + " passed, " + std::to_string(failed) +
              " failed, " + std::to_string(skipped) + " skipped";
    }
    std::string_view color = summary_.errors > 0     ? severity_color(model::Severity::error)
                             : summary_.warnings > 0 ? severity_color(model::Severity::warning)
                                                     : "1;32";
    paint_(out_, color, "summary");
    out_ << ": " << line << '\n';
    out_.write();
  }

 private:
  OutputBuffer out_;
  Paint paint_;
  SourceLines sources_;
  std::vector<model::CheckResult> checks_;
  Summary summary_;
};

}  // namespace

std::unique_ptr<Renderer> text_renderer(std::ostream& out, const RenderOptions& options) {
  return std::make_unique<TextRenderer>(out, options);
}

}  // namespace migsafe::cli::report
