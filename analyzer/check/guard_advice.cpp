#include "analyzer/check/guard_advice.hpp"

#include <regex>

namespace migsafe::analyzer::check {
namespace {

struct Advice {
  std::regex pattern;
  std::string replacement;  // std::regex_replace format ($1, ...; "$$$$" prints "$$")
};

// Statements whose first words show which guard they lack. Matched on the head of the
// statement only; the help quotes it with the guard inserted.
const std::vector<Advice>& advice_table() {
  static const std::vector<Advice> table = {
      {std::regex(R"(^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?(?!IF\b)(\S+))",
                  std::regex::icase),
       "write CREATE $1INDEX $2IF NOT EXISTS $3 ..."},
      {std::regex(R"(^\s*CREATE\s+(TABLE|SEQUENCE|SCHEMA|EXTENSION|VIEW|MATERIALIZED VIEW)\s+(?!IF\b)(\S+))",
                  std::regex::icase),
       "write CREATE $1 IF NOT EXISTS $2 (...)"},
      {std::regex(R"(^\s*ALTER\s+TABLE\s+(\S+)\s+ADD\s+(COLUMN\s+)?(?!IF\b)(?!CONSTRAINT\b)(\S+))",
                  std::regex::icase),
       "write ALTER TABLE $1 ADD COLUMN IF NOT EXISTS $3 ..."},
      {std::regex(R"(^\s*DROP\s+(TABLE|INDEX|SEQUENCE|TYPE|VIEW|SCHEMA)\s+(?!IF\b)(\S+))",
                  std::regex::icase),
       "write DROP $1 IF EXISTS $2"},
      {std::regex(R"(^\s*ALTER\s+TABLE\s+(\S+)\s+DROP\s+CONSTRAINT\s+(?!IF\b)(\S+))",
                  std::regex::icase),
       "write ALTER TABLE $1 DROP CONSTRAINT IF EXISTS $2"},
      {std::regex(R"(^\s*ALTER\s+TABLE\s+(\S+)\s+DROP\s+(COLUMN\s+)?(?!IF\b)(\S+))",
                  std::regex::icase),
       "write ALTER TABLE $1 DROP COLUMN IF EXISTS $3"},
      {std::regex(R"(^\s*(CREATE\s+TYPE|ALTER\s+TABLE\s+\S+\s+ADD\s+CONSTRAINT|CREATE\s+TRIGGER))",
                  std::regex::icase),
       "wrap it in DO $$$$ BEGIN $1 ...; EXCEPTION WHEN duplicate_object THEN NULL; END $$$$"},
      {std::regex(R"(^\s*INSERT\s+INTO\s+(\S+))", std::regex::icase),
       "make the insert re-runnable: INSERT INTO $1 ... ON CONFLICT DO NOTHING (SQLite: INSERT "
       "OR IGNORE)"},
  };
  return table;
}

}  // namespace

std::string guard_advice(const std::string& statement) {
  const std::string head = statement.substr(0, 400);
  for (const Advice& advice : advice_table()) {
    std::smatch match;
    if (std::regex_search(head, match, advice.pattern)) {
      return match.format(advice.replacement);
    }
  }
  return "make the revision safe to run again: guard each statement (IF NOT EXISTS, IF EXISTS, "
         "or a DO block catching duplicate_object)";
}

}  // namespace migsafe::analyzer::check
