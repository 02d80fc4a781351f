#include "dbdrivers/postgres/reflect_memory.hpp"

#include <algorithm>

namespace migsafe::dbdrivers::postgres {
namespace {

const std::string table_kinds = "tadcip";
const std::string named_kinds = "STEFNC";

}  // namespace

bool CatalogVersions::same(const CatalogVersions& other, char kind, Oid oid) const {
  auto mine = versions.find({kind, oid});
  auto theirs = other.versions.find({kind, oid});
  if (mine == versions.end() || theirs == other.versions.end()) {
    return mine == versions.end() && theirs == other.versions.end();
  }
  return mine->second == theirs->second;
}

bool CatalogVersions::same_database(const CatalogVersions& other) const {
  auto mine = std::find_if(versions.begin(), versions.end(),
                           [](const auto& entry) { return entry.first.first == 'I'; });
  return mine != versions.end() && same(other, 'I', mine->first.second);
}

bool CatalogVersions::table_changed(const CatalogVersions& other, Oid table) const {
  return std::any_of(table_kinds.begin(), table_kinds.end(),
                     [&](char kind) { return !same(other, kind, table); });
}

bool CatalogVersions::named_object_rewritten(const CatalogVersions& before) const {
  for (const auto& [key, version] : versions) {
    if (named_kinds.find(key.first) == std::string::npos) continue;
    auto old = before.versions.find(key);
    if (old != before.versions.end() && !(old->second == version)) return true;
  }
  return false;
}

std::optional<std::set<Oid>> tables_to_read(const ReflectMemory* memory, const std::string& options,
                                            const CatalogVersions& now,
                                            const std::vector<Oid>& listed) {
  if (!memory || memory->options != options || !now.same_database(memory->versions) ||
      now.named_object_rewritten(memory->versions)) {
    return std::nullopt;
  }
  std::set<Oid> stale;
  for (Oid table : listed) {
    auto remembered = memory->tables.find(table);
    const bool changed =
        remembered == memory->tables.end() || now.table_changed(memory->versions, table) ||
        std::any_of(remembered->second.indexes.begin(), remembered->second.indexes.end(),
                    [&](Oid index) { return !now.same(memory->versions, 'k', index); }) ||
        // A foreign key names the table it refers to and that table's columns.
        std::any_of(remembered->second.referred.begin(), remembered->second.referred.end(),
                    [&](Oid referred) { return now.table_changed(memory->versions, referred); });
    if (changed) stale.insert(table);
  }
  return stale;
}

}  // namespace migsafe::dbdrivers::postgres
