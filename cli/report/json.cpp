// docs/cli.md's JSON shape, keys in its order; unknown values are null, never "".
//
// Written as findings arrive instead of building one nlohmann document and dumping it:
// the document held every finding a second time and its serializer was a quarter of the
// run time. The bytes are the same as nlohmann's dump(2) of that document: same layout
// and escapes, and any string holding non-ASCII bytes is escaped by nlohmann itself.
#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cli/report/formats.hpp"
#include "cli/report/output_buffer.hpp"
#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

namespace {

using json = nlohmann::ordered_json;

void append_escape(OutputBuffer& out, char c) {
  switch (c) {
    case '\b':
      out << "\\b";
      return;
    case '\t':
      out << "\\t";
      return;
    case '\n':
      out << "\\n";
      return;
    case '\f':
      out << "\\f";
      return;
    case '\r':
      out << "\\r";
      return;
    case '"':
      out << "\\\"";
      return;
    case '\\':
      out << "\\\\";
      return;
    default: {
      static const char* const hex = "0123456789abcdef";
      out << "\\u00" << hex[(c >> 4) & 0x0F] << hex[c & 0x0F];
    }
  }
}

// Bytes write_string cannot copy as they are: control characters, '"' and '\\' (escaped)
// and bytes >= 0x80 (left to nlohmann).
constexpr std::array<bool, 256> special_bytes() {
  std::array<bool, 256> special{};
  for (std::size_t c = 0; c < 256; ++c) special[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return special;
}

// Sixteen bytes as one value of GCC's vector extensions: SSE2 instructions on x86-64,
// the target's own (or plain code) elsewhere.
using Bytes16 = signed char __attribute__((vector_size(16)));

// Whether any of the 16 bytes at `p` is special (see special_bytes). Taken as signed,
// the bytes >= 0x80 are negative, so one comparison with 0x20 finds them and the
// control characters together.
bool any_special_byte(const char* p) {
  Bytes16 bytes;
  std::memcpy(&bytes, p, sizeof bytes);
  const Bytes16 special = (bytes < 0x20) | (bytes == '"') | (bytes == '\\');
  std::uint64_t halves[2];
  std::memcpy(halves, &special, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

// A JSON string literal, as nlohmann's dump(-1, ' ', false, replace) writes it: ASCII
// escaped here the way its serializer does, each run of plain characters appended at
// once; anything with a byte >= 0x80 (UTF-8, or invalid UTF-8 from a non-UTF-8 input
// file, which must not throw) is left to nlohmann.
void write_string(OutputBuffer& out, std::string_view text) {
  static constexpr std::array<bool, 256> special = special_bytes();
  const std::size_t start = out.size();
  out << '"';
  std::size_t plain = 0;  // where the run of characters that need no escape began
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Sixteen plain bytes at a time: the statements and help texts are long and mostly
    // plain, and this loop was the largest single cost of a long lint.
    while (i + 16 <= text.size() && !any_special_byte(text.data() + i)) i += 16;
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (!special[c]) continue;
    if (c >= 0x80) {
      out.truncate(start);
      out << json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    }
    out << text.substr(plain, i - plain);
    append_escape(out, text[i]);
    plain = i + 1;
  }
  out << text.substr(plain) << '"';
}

void write_text_or_null(OutputBuffer& out, const std::string& text) {
  if (text.empty()) {
    out << "null";
  } else {
    write_string(out, text);
  }
}

void write_number_or_null(OutputBuffer& out, int number) {
  if (number > 0) {
    out << number;
  } else {
    out << "null";
  }
}

// A line break and the indentation of nlohmann's pretty printer (2 per level) for
// `depth` levels, as one piece: the literal is a newline and 64 spaces.
std::string_view new_line(int depth) {
  static constexpr std::string_view breaks =
      "\n                                                                ";
  return breaks.substr(0, 1 + static_cast<std::size_t>(depth) * 2);
}

// An object's members at one indentation: `key(...)` opens a member, the caller writes
// its value. Layout as nlohmann's pretty printer with an indent of 2.
class Members {
 public:
  Members(OutputBuffer& out, int depth) : out_(out), depth_(depth) { out_ << '{'; }
  // `name` is one of this file's keys, which need no escaping.
  OutputBuffer& key(std::string_view name) {
    if (!first_) out_ << ',';
    first_ = false;
    return out_ << new_line(depth_) << '"' << name << "\": ";
  }
  void close() {
    if (!first_) out_ << new_line(depth_ - 1);
    out_ << '}';
  }

 private:
  OutputBuffer& out_;
  int depth_;  // of the members: one more than the object's own
  bool first_ = true;
};

// An array of objects whose key is at `depth`, written one item at a time: items one
// level in, their members two.
class Items {
 public:
  Items(OutputBuffer& out, int depth) : out_(out), depth_(depth) {}
  // Starts the next item; the caller writes its members at the depth returned.
  int next() {
    out_ << (first_ ? '[' : ',') << new_line(depth_ + 1);
    first_ = false;
    return depth_ + 2;
  }
  void close() {
    if (first_) {
      out_ << "[]";
      return;
    }
    out_ << new_line(depth_) << ']';
  }

 private:
  OutputBuffer& out_;
  int depth_;
  bool first_ = true;
};

void write_database(OutputBuffer& out, const model::DatabaseDescription& database, int depth) {
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

void write_check(OutputBuffer& out, const model::CheckResult& check, int depth) {
  Members m(out, depth);
  write_string(m.key("name"), check.name);
  write_string(m.key("status"), model::check_status_name(check.status));
  m.key("duration_ms") << check.duration_ms;
  if (!check.note.empty()) {
    const bool skipped = check.status == model::CheckStatus::skipped;
    write_string(m.key(skipped ? "skipped_because" : "note"), check.note);
  }
  m.close();
}

void write_location(OutputBuffer& out, const model::Location& at, int depth) {
  Members location(out, depth);
  write_text_or_null(location.key("file"), at.file);
  write_number_or_null(location.key("line"), at.line);
  write_number_or_null(location.key("column"), at.column);
  write_text_or_null(location.key("revision"), at.revision);
  location.close();
}

void write_finding(OutputBuffer& out, const model::Finding& finding, int depth) {
  Members m(out, depth);
  write_string(m.key("check"), finding.check);
  write_string(m.key("rule"), finding.rule);
  write_string(m.key("severity"), model::severity_name(finding.severity));
  write_string(m.key("message"), finding.message);
  write_text_or_null(m.key("help"), finding.help);
  write_location(m.key("location"), finding.location, depth + 1);
  write_text_or_null(m.key("statement"), finding.statement);
  if (!finding.occurrences.empty()) {
    Items occurrences(m.key("occurrences"), depth);
    for (const model::Occurrence& occurrence : finding.occurrences) {
      const int item = occurrences.next();
      Members o(out, item);
      write_location(o.key("location"), occurrence.location, item + 1);
      write_text_or_null(o.key("statement"), occurrence.statement);
      o.close();
    }
    occurrences.close();
  }
  if (!finding.lock.empty()) write_string(m.key("lock"), finding.lock);
  m.key("proven") << (finding.proven ? "true" : "false");
  if (!finding.deploy_order.empty()) write_string(m.key("deploy_order"), finding.deploy_order);
  if (!finding.code.empty()) write_string(m.key("code"), finding.code);
  m.close();
}

class JsonRenderer : public Renderer {
 public:
  explicit JsonRenderer(std::ostream& out) : out_(out), document_(out_, 1), findings_(out_, 1) {}

  void start(const model::Report& report) override {
    write_string(document_.key("migsafe"), MIGSAFE_VERSION);
    write_string(document_.key("command"), report.command);
    write_text_or_null(document_.key("project"), report.project);
    write_database(document_.key("database"), report.database, 2);
    Items checks(document_.key("checks"), 1);
    for (const auto& check : report.checks) write_check(out_, check, checks.next());
    checks.close();
    document_.key("findings");
  }

  void add(const model::Finding& finding) override {
    summary_.count(finding.severity);
    write_finding(out_, finding, findings_.next());
    out_.write_if_full();
  }

  void finish() override {
    findings_.close();
    Members counts(document_.key("summary"), 2);
    counts.key("errors") << summary_.errors;
    counts.key("warnings") << summary_.warnings;
    counts.key("infos") << summary_.infos;
    counts.close();
    document_.close();
    out_ << '\n';
    out_.write();
  }

 private:
  OutputBuffer out_;
  Members document_;
  Items findings_;
  Summary summary_;
};

}  // namespace

std::unique_ptr<Renderer> json_renderer(std::ostream& out, const RenderOptions&) {
  return std::make_unique<JsonRenderer>(out);
}

void json_error(std::ostream& out, const RunError& error) {
  const nlohmann::ordered_json document = {
      {"migsafe", MIGSAFE_VERSION},
      {"command", error.command},
      {"error",
       {{"message", error.message},
        {"help", error.help.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(error.help)},
        {"location", nullptr}}},  // errors name their file and line in the message
  };
  out << document.dump(2) << "\n";
}

}  // namespace migsafe::cli::report
