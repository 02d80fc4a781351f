#pragma once

#include <string>

namespace migsafe::dbdrivers::postgres {

// Drops the scratch database `name` through a fresh connection to `admin_uri`,
// disconnecting its sessions first (WITH (FORCE) on PostgreSQL 13+, else
// pg_terminate_backend). Returns "" when it is gone (or never existed), else the
// driver's error, which may quote the URI: mask it before printing.
std::string drop_scratch_database(const std::string& admin_uri, const std::string& name) noexcept;

}  // namespace migsafe::dbdrivers::postgres
