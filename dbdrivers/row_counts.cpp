#include "dbdrivers/row_counts.hpp"

#include "dbdrivers/table_contents.hpp"

namespace migsafe::dbdrivers {

std::map<std::string, long long> count_rows(const DatabaseUrl& url) {
  std::map<std::string, long long> counts;
  for (const auto& [table, contents] : read_table_contents(url)) counts[table] = contents.rows;
  return counts;
}

}  // namespace migsafe::dbdrivers
