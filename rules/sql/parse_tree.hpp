#pragma once

#include <pg_query.h>
#include <simdjson.h>

#include <cstddef>
#include <string_view>
#include <utility>

// Internal to rules/sql: libpg_query's JSON parse tree, read with simdjson's DOM.
namespace migsafe::rules::sql {

// A value of the tree, or the error of a lookup that found nothing: lookups chain
// (`node["AlterTableCmd"]["def"]`) and a missing member anywhere makes the whole chain
// an error, which the readers below take as "absent".
using Json = simdjson::simdjson_result<simdjson::dom::element>;
inline Json as_json(simdjson::dom::element value) { return Json(std::move(value)); }

// One pg_query_parse call on a NUL-terminated text, its JSON read into a DOM. Each thread
// reuses its parsers (one per ParseTree alive at once, as a DO block's statements are
// parsed while their script's tree is still read), so reading allocates nothing once
// warm.
class ParseTree {
 public:
  explicit ParseTree(const char* sql);
  ~ParseTree();
  ParseTree(const ParseTree&) = delete;
  ParseTree& operator=(const ParseTree&) = delete;

  // Null when the text parsed (the tree may still be missing if its JSON was not read).
  const PgQueryError* error() const { return result_.error; }
  // False when the text did not parse or its JSON could not be read.
  bool has_tree() const { return has_tree_; }
  // The RawStmt objects: [{"stmt": {...}, "stmt_location": N, "stmt_len": M}, ...];
  // an error when there is no tree.
  Json stmts() const { return stmts_; }

 private:
  PgQueryParseResult result_;
  bool holds_parser_ = false;
  bool has_tree_ = false;
  Json stmts_;
};

// The node type a Node holds, as libpg_query names it: "CreateStmt", "RangeVar", ...
// (the key of its one member); empty when it holds none.
std::string_view node_type_name(Json node);

// A member's value, or the fallback when it is missing or of another type.
std::string_view string_of(Json value);
bool bool_of(Json value);
std::int64_t int_of(Json value);

// The items of an array member; none when it is missing.
std::size_t size_of(Json list);
// The last item of a list, or an error when the list is empty or missing.
Json last_of(Json list);
// The item before the last, or an error.
Json second_last_of(Json list);
// Calls visit(item) for each item of a list.
template <class Visit>
void for_each_item(Json list, Visit visit) {
  simdjson::dom::array items;
  if (list.get(items) != simdjson::SUCCESS) return;
  for (simdjson::dom::element item : items) visit(as_json(item));
}

}  // namespace migsafe::rules::sql
