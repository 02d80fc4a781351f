#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migsafe::dbdrivers::sqlite {

// What SQLite's pragmas do not tell, read back from the CREATE statements it stores
// in sqlite_schema: CHECK constraints, constraint names, generated expressions, column
// collations, partial-index predicates and index expressions.
struct CreateTableParts {
  struct Check {
    std::string name;  // empty when unnamed
    std::string expression;
  };
  struct Named {
    std::string name;
    std::vector<std::string> columns;
    bool deferrable = false;
    bool initially_deferred = false;
  };
  std::vector<Check> checks;
  std::vector<Named> uniques;
  std::vector<Named> foreign_keys;
  std::optional<Named> primary_key;
  std::map<std::string, std::string> generated;   // column -> expression
  std::map<std::string, std::string> collations;  // column -> COLLATE name, unquoted
};

CreateTableParts parse_create_table(const std::string& sql);

struct CreateIndexParts {
  std::vector<std::string> elements;  // column names or expressions, as written
  std::optional<std::string> where;
};

CreateIndexParts parse_create_index(const std::string& sql);

// Removes one level of SQL identifier quoting: "a", `a`, [a].
std::string unquote(const std::string& identifier);

}  // namespace migsafe::dbdrivers::sqlite
