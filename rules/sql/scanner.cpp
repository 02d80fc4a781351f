#include "rules/sql/scanner.hpp"

#include <pg_query.h>

#include <cstdint>

#include "rules/sql/text_case.hpp"

namespace migsafe::rules::sql {
namespace {

// pg_query_scan answers in protobuf (ScanResult in pg_query.proto); Debian ships no
// protobuf-c headers for its generated reader, and the two messages need only varints
// and nested bytes, so they are read here.
class WireReader {
 public:
  WireReader(const unsigned char* begin, const unsigned char* end) : at_(begin), end_(end) {}

  bool done() const { return at_ >= end_; }

  bool varint(std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64 && at_ < end_; shift += 7) {
      const unsigned char byte = *at_++;
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }

  // A field's header: its number and wire type (0 varint, 2 bytes, 1 and 5 fixed).
  bool field(std::uint64_t& number, std::uint64_t& wire_type) {
    std::uint64_t key = 0;
    if (!varint(key)) return false;
    number = key >> 3;
    wire_type = key & 7;
    return true;
  }

  // A length-delimited value, as a reader of its own.
  bool bytes(WireReader& inner) {
    std::uint64_t length = 0;
    if (!varint(length) || length > static_cast<std::uint64_t>(end_ - at_)) return false;
    inner = WireReader(at_, at_ + length);
    at_ += length;
    return true;
  }

  bool skip(std::uint64_t wire_type) {
    std::uint64_t ignored = 0;
    WireReader inner(nullptr, nullptr);
    switch (wire_type) {
      case 0:
        return varint(ignored);
      case 2:
        return bytes(inner);
      case 1:
        return advance(8);
      case 5:
        return advance(4);
      default:
        return false;
    }
  }

 private:
  bool advance(std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) < n) return false;
    at_ += n;
    return true;
  }

  const unsigned char* at_;
  const unsigned char* end_;
};

// message ScanToken { int32 start = 1; int32 end = 2; Token token = 4;
//                     KeywordKind keyword_kind = 5; }
bool read_token(WireReader reader, Token& token) {
  while (!reader.done()) {
    std::uint64_t number = 0;
    std::uint64_t wire_type = 0;
    if (!reader.field(number, wire_type)) return false;
    if (wire_type != 0) {
      if (!reader.skip(wire_type)) return false;
      continue;
    }
    std::uint64_t value = 0;
    if (!reader.varint(value)) return false;
    if (number == 1) token.start = value;
    if (number == 2) token.end = value;
    if (number == 4) token.kind = static_cast<int>(value);
    if (number == 5 && value <= 4) token.keyword = static_cast<KeywordKind>(value);
  }
  return true;
}

// SQL_COMMENT and C_COMMENT in pg_query.proto's Token enum.
bool is_comment(const Token& token) { return token.kind == 275 || token.kind == 276; }

// message ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
std::optional<std::vector<Token>> read_scan_result(WireReader reader) {
  std::vector<Token> tokens;
  while (!reader.done()) {
    std::uint64_t number = 0;
    std::uint64_t wire_type = 0;
    if (!reader.field(number, wire_type)) return std::nullopt;
    if (number != 2 || wire_type != 2) {
      if (!reader.skip(wire_type)) return std::nullopt;
      continue;
    }
    WireReader inner(nullptr, nullptr);
    Token token;
    if (!reader.bytes(inner) || !read_token(inner, token)) return std::nullopt;
    if (!is_comment(token)) tokens.push_back(token);
  }
  return tokens;
}

}  // namespace

std::optional<std::vector<Token>> scan_tokens(const std::string& text) {
  PgQueryScanResult result = pg_query_scan(text.c_str());
  std::optional<std::vector<Token>> tokens;
  if (result.error == nullptr) {
    const auto* data = reinterpret_cast<const unsigned char*>(result.pbuf.data);
    tokens = read_scan_result(WireReader(data, data + result.pbuf.len));
  }
  pg_query_free_scan_result(result);
  return tokens;
}

bool is_keyword(std::string_view text, const Token& token, std::string_view word) {
  if (token.keyword == KeywordKind::none || token.end > text.size()) return false;
  return to_upper(std::string(text.substr(token.start, token.end - token.start))) == word;
}

}  // namespace migsafe::rules::sql
