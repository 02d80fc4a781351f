#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/sql/facts.hpp"

// Names and strings printed into SQL that migsafe suggests: quoted as PostgreSQL's own
// quote_ident() and quote_literal() quote them, so a suggestion with a table called
// `user` or "UserAccounts" still runs.
namespace migsafe::rules::sql {

// Bare when PostgreSQL would read it back unchanged: lower case letters, digits, `_`
// and `$`, not starting with a digit or `$`, and not a keyword other than an unreserved
// one. In double quotes otherwise: "user", "UserAccounts", "a""b".
std::string quote_identifier(std::string_view name);

// schema.name, each part quoted as above; the schema only when one was written.
std::string quote_name(const QualifiedName& name);

// Column names for a list in parentheses: `id, "Name"`.
std::string quote_identifiers(const std::vector<std::string>& names);

// A string constant: 'it''s'; E'...' when the text holds a backslash.
std::string quote_literal(std::string_view text);

}  // namespace migsafe::rules::sql
