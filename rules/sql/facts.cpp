#include "rules/sql/facts.hpp"

#include <map>

namespace migsafe::rules::sql {

std::string TypeRef::display() const {
  // The parser's internal names, spelled the way people write them.
  static const std::map<std::string, std::string> spelled = {{"int2", "smallint"},
                                                             {"int4", "integer"},
                                                             {"int8", "bigint"},
                                                             {"float4", "real"},
                                                             {"float8", "double precision"},
                                                             {"bool", "boolean"},
                                                             {"bpchar", "char"},
                                                             {"timestamptz", "timestamptz"},
                                                             {"varchar", "varchar"}};
  const auto it = spelled.find(name);
  std::string out = it == spelled.end() ? name : it->second;
  if (!modifiers.empty()) {
    out += "(";
    for (std::size_t i = 0; i < modifiers.size(); ++i) {
      out += (i > 0 ? ", " : "") + std::to_string(modifiers[i]);
    }
    out += ")";
  }
  if (array) out += "[]";
  return out;
}

}  // namespace migsafe::rules::sql
