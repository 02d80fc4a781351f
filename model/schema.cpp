#include "model/schema.hpp"

#include <algorithm>

namespace migsafe::model {

const Column* Table::find_column(const std::string& column_name) const {
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](const Column& c) { return c.name == column_name; });
  return it == columns.end() ? nullptr : &*it;
}

const Table* Schema::find_table(const std::string& table_name) const {
  auto it = std::find_if(tables.begin(), tables.end(),
                         [&](const Table& t) { return t.name == table_name; });
  return it == tables.end() ? nullptr : &*it;
}

}  // namespace migsafe::model
