#include "dbdrivers/reflect.hpp"

namespace migsafe::dbdrivers {

model::Schema reflect(const DatabaseUrl& url, const ReflectOptions& options,
                      ReflectStats* stats) {
  ReflectStats local;
  ReflectStats& out = stats ? *stats : local;
  out = ReflectStats{};
  if (url.dialect() == Dialect::sqlite) return reflect_sqlite(url, options, out);
  return reflect_postgres(url, options, out);
}

}  // namespace migsafe::dbdrivers
