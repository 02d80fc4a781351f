#pragma once

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

// Internal to rules/sql: libpg_query's protobuf parse tree, unpacked into typed C structs.
namespace migsafe::rules::sql {

// One pg_query_parse_protobuf call on a NUL-terminated text, unpacked. The tree's
// memory comes from an arena freed with the ParseTree: unpacking allocates every node,
// and one free of a few blocks beats thousands of frees.
class ParseTree {
 public:
  explicit ParseTree(const char* sql);
  ~ParseTree();
  ParseTree(const ParseTree&) = delete;
  ParseTree& operator=(const ParseTree&) = delete;

  // Null when the text parsed (the tree may still be missing if unpacking failed).
  const PgQueryError* error() const { return result_.error; }
  // Null when the text did not parse or could not be unpacked.
  const PgQuery__ParseResult* tree() const { return tree_; }

 private:
  struct Arena;
  PgQueryProtobufParseResult result_;
  std::unique_ptr<Arena> arena_;
  PgQuery__ParseResult* tree_ = nullptr;
};

// The node type a Node holds, as libpg_query names it: "CreateStmt", "RangeVar", ...;
// empty when none is set.
const char* node_type_name(const PgQuery__Node* node);

// An enum value's name as libpg_query's JSON spells it ("AT_AddColumn"), or "".
std::string enum_name(const ProtobufCEnumDescriptor& descriptor, int value);

}  // namespace migsafe::rules::sql
