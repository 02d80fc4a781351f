#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/sql/parse_tree.hpp"

// Internal to rules/sql: a walk over every object and array of a libpg_query JSON tree.
namespace migsafe::rules::sql {
namespace detail {

using Member = std::pair<std::string_view, simdjson::dom::element>;

inline bool structured(simdjson::dom::element value) {
  const simdjson::dom::element_type type = value.type();
  return type == simdjson::dom::element_type::OBJECT || type == simdjson::dom::element_type::ARRAY;
}

template <class Visit>
void walk_value(simdjson::dom::element value, Visit& visit);

// This thread's members waiting to be visited, a stack shared by the nested walks: each
// walk sorts and visits its own slice and truncates it back, so walking allocates
// nothing once warm. Indexes, not pointers: nested walks may grow the vector.
inline std::vector<Member>& member_stack() {
  thread_local std::vector<Member> stack;
  return stack;
}

// An object's members in name order: the order they had once parsed into nlohmann's
// sorted map, so walks see nodes in the order they always did (the first function a
// default calls, the first enum literal a statement uses). libpg_query prints members in
// struct order. Only objects and arrays can hold nodes, so scalars are left out before
// sorting.
template <class Visit>
void walk_members(simdjson::dom::object object, Visit& visit) {
  std::vector<Member>& stack = member_stack();
  const std::size_t base = stack.size();
  for (simdjson::dom::key_value_pair member : object) {
    if (structured(member.value)) stack.emplace_back(member.key, member.value);
  }
  const std::size_t end = stack.size();
  if (end - base > 1) {
    std::sort(stack.begin() + static_cast<std::ptrdiff_t>(base), stack.end(),
              [](const Member& a, const Member& b) { return a.first < b.first; });
  }
  for (std::size_t i = base; i < end; ++i) {
    const Member m = stack[i];
    if (visit(m.first, as_json(m.second))) walk_value(m.second, visit);
  }
  stack.resize(base);
}

template <class Visit>
void walk_value(simdjson::dom::element value, Visit& visit) {
  simdjson::dom::object object;
  if (value.get(object) == simdjson::SUCCESS) {
    walk_members(object, visit);
    return;
  }
  simdjson::dom::array items;
  if (value.get(items) != simdjson::SUCCESS) return;
  for (simdjson::dom::element item : items) {
    if (structured(item)) walk_value(item, visit);
  }
}

}  // namespace detail

// Calls visit(key, value) for every object or array member under `node`, depth first,
// members of an object in name order: for a Node {"FuncCall": {...}} that is the key
// "FuncCall" and the call, then the call's members. A visit returning false skips that
// value's children.
template <class Visit>
void for_each_member(Json node, Visit visit) {
  simdjson::dom::element value;
  if (node.get(value) == simdjson::SUCCESS) detail::walk_value(value, visit);
}

}  // namespace migsafe::rules::sql
