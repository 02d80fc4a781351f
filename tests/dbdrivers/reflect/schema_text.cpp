#include "tests/dbdrivers/reflect/schema_text.hpp"

#include <sstream>

namespace migsafe::dbdrivers {
namespace {

// Brackets and quotes so that "", absent and "a,b" vs ["a","b"] all read differently.
std::string quoted(const std::string& s) { return "\"" + s + "\""; }
std::string quoted(const std::optional<std::string>& s) { return s ? quoted(*s) : "-"; }
std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? "," : "") + quoted(item);
  return out + "]";
}

}  // namespace

std::string schema_text(const model::Schema& schema) {
  std::ostringstream out;
  for (const auto& t : schema.tables) {
    out << "table " << quoted(t.schema) << "." << quoted(t.name) << " comment=" << quoted(t.comment)
        << "\n";
    for (const auto& c : t.columns)
      out << "  column " << quoted(c.name) << " type=" << quoted(c.type)
          << " nullable=" << c.nullable << " default=" << quoted(c.server_default)
          << " identity=" << quoted(c.identity) << " generated=" << quoted(c.generated)
          << " collation=" << quoted(c.collation) << " comment=" << quoted(c.comment)
          << " autoincrement=" << c.autoincrement << " python_type=" << quoted(c.python_type)
          << "\n";
    if (t.primary_key)
      out << "  primary_key " << quoted(t.primary_key->name) << " " << list(t.primary_key->columns)
          << "\n";
    for (const auto& u : t.uniques)
      out << "  unique " << quoted(u.name) << " " << list(u.columns)
          << " nulls_not_distinct=" << u.nulls_not_distinct << "\n";
    for (const auto& c : t.checks)
      out << "  check " << quoted(c.name) << " " << quoted(c.expression) << "\n";
    for (const auto& f : t.foreign_keys)
      out << "  foreign_key " << quoted(f.name) << " " << list(f.columns) << " -> "
          << quoted(f.referred_schema) << "." << quoted(f.referred_table) << " "
          << list(f.referred_columns) << " on_delete=" << quoted(f.on_delete)
          << " on_update=" << quoted(f.on_update) << " deferrable=" << f.deferrable
          << " initially_deferred=" << f.initially_deferred << "\n";
    for (const auto& i : t.indexes)
      out << "  index " << quoted(i.name) << " unique=" << i.unique
          << " method=" << quoted(i.method) << " " << list(i.elements)
          << " include=" << list(i.include) << " where=" << quoted(i.predicate)
          << " nulls_not_distinct=" << i.nulls_not_distinct << "\n";
  }
  for (const auto& e : schema.enums)
    out << "enum " << quoted(e.schema) << "." << quoted(e.name) << " " << list(e.labels) << "\n";
  for (const auto& s : schema.sequences)
    out << "sequence " << quoted(s.schema) << "." << quoted(s.name) << " " << quoted(s.data_type)
        << " start=" << s.start << " increment=" << s.increment
        << " owned_by=" << quoted(s.owned_by) << "\n";
  return out.str();
}

}  // namespace migsafe::dbdrivers
