// CLI.md's JSON shape. Keys keep CLI.md's order; unknown values are null, never "".
//
// Written as it goes, one finding at a time, instead of building one nlohmann document
// and dumping it: the document held every finding a second time (a lint of 20,000
// statements peaked at twice the memory of the lint itself) and its serializer was a
// quarter of the run time. The bytes are the same as nlohmann's dump(2) of that
// document: same layout and escapes, and any string holding non-ASCII bytes is escaped
// by nlohmann itself.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/report/formats.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

using json = nlohmann::ordered_json;

// A JSON string literal, as nlohmann's dump(-1, ' ', false, replace) writes it: ASCII
// escaped here the way its serializer does; anything with a byte >= 0x80 (UTF-8, or
// invalid UTF-8 from a non-UTF-8 input file, which must not throw) is left to nlohmann.
void write_string(std::ostream& out, std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      out << json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    }
  }
  std::string escaped;
  escaped.reserve(text.size() + 2);
  escaped += '"';
  for (const char c : text) {
    switch (c) {
      case '\b':
        escaped += "\\b";
        break;
      case '\t':
        escaped += "\\t";
        break;
      case '\n':
        escaped += "\\n";
        break;
      case '\f':
        escaped += "\\f";
        break;
      case '\r':
        escaped += "\\r";
        break;
      case '"':
        escaped += "\\\"";
        break;
      case '\\':
        escaped += "\\\\";
        break;
      default:
        if (static_cast<unsigned char>(c) <= 0x1F) {
          static const char* const hex = "0123456789abcdef";
          escaped += "\\u00";
          escaped += hex[(c >> 4) & 0x0F];
          escaped += hex[c & 0x0F];
        } else {
          escaped += c;
        }
    }
  }
  escaped += '"';
  out.write(escaped.data(), static_cast<std::streamsize>(escaped.size()));
}

void write_text_or_null(std::ostream& out, const std::string& text) {
  if (text.empty()) {
    out << "null";
  } else {
    write_string(out, text);
  }
}

void write_number_or_null(std::ostream& out, int number) {
  if (number > 0) {
    out << number;
  } else {
    out << "null";
  }
}

// An object's members at one indentation: `key(...)` opens a member, the caller writes
// its value. Layout as nlohmann's pretty printer with an indent of 2.
class Members {
 public:
  Members(std::ostream& out, int depth) : out_(out), indent_(static_cast<std::size_t>(depth) * 2, ' ') {
    out_ << '{';
  }
  std::ostream& key(std::string_view name) {
    out_ << (first_ ? "\n" : ",\n") << indent_;
    first_ = false;
    write_string(out_, name);
    return out_ << ": ";
  }
  void close() {
    if (first_) {
      out_ << '}';
      return;
    }
    out_ << '\n' << std::string_view(indent_).substr(2) << '}';
  }

 private:
  std::ostream& out_;
  std::string indent_;  // of the members: the object's own indentation + 2
  bool first_ = true;
};

void write_database(std::ostream& out, const model::DatabaseDescription& database, int depth) {
  if (database.dialect.empty()) {
    out << "null";
    return;
  }
  Members m(out, depth);
  write_string(m.key("dialect"), database.dialect);
  write_text_or_null(m.key("server_version"), database.server_version);
  write_text_or_null(m.key("kind"), database.kind);
  m.close();
}

void write_check(std::ostream& out, const model::CheckResult& check, int depth) {
  Members m(out, depth);
  write_string(m.key("name"), check.name);
  write_string(m.key("status"), model::check_status_name(check.status));
  m.key("duration_ms") << check.duration_ms;
  if (!check.note.empty()) write_string(m.key("note"), check.note);
  m.close();
}

void write_finding(std::ostream& out, const model::Finding& finding, int depth) {
  const auto& at = finding.location;
  Members m(out, depth);
  write_string(m.key("check"), finding.check);
  write_string(m.key("rule"), finding.rule);
  write_string(m.key("severity"), model::severity_name(finding.severity));
  write_string(m.key("message"), finding.message);
  write_text_or_null(m.key("help"), finding.help);
  Members location(m.key("location"), depth + 1);
  write_text_or_null(location.key("file"), at.file);
  write_number_or_null(location.key("line"), at.line);
  write_number_or_null(location.key("column"), at.column);
  write_text_or_null(location.key("revision"), at.revision);
  location.close();
  write_text_or_null(m.key("statement"), finding.statement);
  if (!finding.lock.empty()) write_string(m.key("lock"), finding.lock);
  m.close();
}

// An array of objects whose key is at `depth`: items one level in, their members two.
template <typename Items, typename Write>
void write_array(std::ostream& out, const Items& items, int depth, Write write) {
  if (items.empty()) {
    out << "[]";
    return;
  }
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  out << '[';
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "\n" : ",\n") << indent;
    first = false;
    write(out, item, depth + 2);  // the item's members, one level below it
  }
  out << '\n' << std::string_view(indent).substr(2) << ']';
}

}  // namespace

void render_json(const model::Report& report, std::ostream& out, const RenderOptions&) {
  const Summary summary = summarize(report.findings);
  Members document(out, 1);
  write_string(document.key("migsafe"), MIGSAFE_VERSION);
  write_string(document.key("command"), report.command);
  write_text_or_null(document.key("project"), report.project);
  write_database(document.key("database"), report.database, 2);
  write_array(document.key("checks"), report.checks, 1, write_check);
  write_array(document.key("findings"), report.findings, 1, write_finding);
  Members counts(document.key("summary"), 2);
  counts.key("errors") << summary.errors;
  counts.key("warnings") << summary.warnings;
  counts.key("infos") << summary.infos;
  counts.close();
  document.close();
  out << '\n';
}

}  // namespace migsafe::cli::report
