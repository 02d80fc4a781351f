#include "rules/sql/parse_tree.hpp"

#include <memory>
#include <string>
#include <vector>

namespace migsafe::rules::sql {
namespace {

// This thread's parsers: the DOM of a parse lives in its parser, so each ParseTree alive
// at once needs its own; a parser keeps its buffers from one parse to the next.
struct ParserPool {
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers;
  std::size_t in_use = 0;
};
thread_local ParserPool pool;

simdjson::dom::parser& take_parser() {
  if (pool.in_use == pool.parsers.size()) {
    pool.parsers.push_back(std::make_unique<simdjson::dom::parser>());
  }
  return *pool.parsers[pool.in_use++];
}

}  // namespace

ParseTree::ParseTree(const char* sql)
    : result_(pg_query_parse(sql)), stmts_(simdjson::UNINITIALIZED) {
  if (result_.error != nullptr || result_.parse_tree == nullptr) return;
  simdjson::dom::parser& parser = take_parser();
  holds_parser_ = true;  // released in the destructor
  // The text is not padded for simdjson: parse() copies it into the parser's buffer.
  simdjson::dom::element root;
  if (parser.parse(result_.parse_tree, std::char_traits<char>::length(result_.parse_tree))
          .get(root) != simdjson::SUCCESS) {
    stmts_ = Json(simdjson::TAPE_ERROR);
    return;
  }
  has_tree_ = true;
  // "stmts" is left out when the text holds no statement: an error, taken as none.
  stmts_ = root["stmts"];
}

ParseTree::~ParseTree() {
  if (holds_parser_) --pool.in_use;
  pg_query_free_parse_result(result_);
}

std::string_view node_type_name(Json node) {
  simdjson::dom::object members;
  if (node.get(members) != simdjson::SUCCESS) return {};
  for (simdjson::dom::key_value_pair member : members) return member.key;
  return {};
}

std::string_view string_of(Json value) {
  std::string_view out;
  return value.get(out) == simdjson::SUCCESS ? out : std::string_view();
}

bool bool_of(Json value) {
  bool out = false;
  return value.get(out) == simdjson::SUCCESS && out;
}

std::int64_t int_of(Json value) {
  std::int64_t out = 0;
  return value.get(out) == simdjson::SUCCESS ? out : 0;
}

std::size_t size_of(Json list) {
  simdjson::dom::array items;
  return list.get(items) == simdjson::SUCCESS ? items.size() : 0;
}

Json last_of(Json list) {
  const std::size_t n = size_of(list);
  return n == 0 ? Json(simdjson::INDEX_OUT_OF_BOUNDS) : list.at(n - 1);
}

Json second_last_of(Json list) {
  const std::size_t n = size_of(list);
  return n < 2 ? Json(simdjson::INDEX_OUT_OF_BOUNDS) : list.at(n - 2);
}

}  // namespace migsafe::rules::sql
