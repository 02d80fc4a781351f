#include "dbdrivers/postgres/scratch_database.hpp"

#include <pqxx/pqxx>
#include <random>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/postgres/connection_error.hpp"
#include "dbdrivers/postgres/leftover_databases.hpp"
#include "dbdrivers/scratch_handle.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

std::string random_name() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string name = "migsafe_";
  for (int i = 0; i < 16; ++i) name += "0123456789abcdef"[digit(random)];
  return name;
}

}  // namespace

CreatedDatabase create_database_on(const DatabaseUrl& server, cleanup::Reaper& reaper) {
  DatabaseUrl admin = server;
  if (admin.database.empty()) admin.database = "postgres";
  const std::string admin_uri = with_connect_timeout(admin).libpq_uri();
  std::string name = random_name();
  CreatedDatabase created;
  try {
    pqxx::connection connection{admin_uri};
    pqxx::nontransaction tx{connection};  // CREATE DATABASE refuses a transaction block
    std::string version = tx.exec1("SHOW server_version")[0].as<std::string>();
    created.server_version = version.substr(0, version.find(' '));
    created.notes = sweep_leftover_databases(tx, admin_uri, admin);
    reaper.drop_database(admin_uri, name);
    // From template0, which takes no connections: a copy of template1 fails while any
    // other session is on it (a user's psql, a parallel run), "source database template1
    // is being accessed by other users".
    tx.exec("CREATE DATABASE " + tx.quote_name(name) + " TEMPLATE template0");
    mark_scratch_database(tx, name);
  } catch (const pqxx::insufficient_privilege& e) {
    throw model::EnvironmentError(
        "user '" + admin.user + "' may not create databases on " + admin.display() + ": " +
            scrub(admin, e.what()),
        "grant it (ALTER ROLE " + admin.user + " CREATEDB) or use --db postgres");
  } catch (const pqxx::sql_error& e) {
    throw model::EnvironmentError(
        "cannot create a scratch database on " + admin.display() + ": " + scrub(admin, e.what()),
        "check the message above; --db postgres boots a local scratch cluster instead");
  } catch (const model::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw connection_error(admin, e.what());
  }
  created.url = server.with_database(name);
  return created;
}

std::unique_ptr<ScratchDatabase> create_scratch_database(const DatabaseUrl& server) {
  auto reaper = std::make_unique<cleanup::Reaper>();
  CreatedDatabase created = create_database_on(server, *reaper);
  auto handle =
      std::make_unique<ScratchHandle>(created.url, "scratch-database", created.server_version,
                                      std::filesystem::path{}, std::move(reaper));
  handle->add_notes(std::move(created.notes));
  return handle;
}

}  // namespace migsafe::dbdrivers::postgres
