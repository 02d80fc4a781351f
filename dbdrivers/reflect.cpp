#include "dbdrivers/reflect.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

model::Schema reflect(const DatabaseUrl& url, const ReflectOptions& options, ReflectStats* stats) {
  ReflectStats local;
  ReflectStats& out = stats ? *stats : local;
  out = ReflectStats{};
  return driver_for(url).reflect(url, options, out);
}

}  // namespace migsafe::dbdrivers
