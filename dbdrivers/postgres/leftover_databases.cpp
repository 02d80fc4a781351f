#include "dbdrivers/postgres/leftover_databases.hpp"

#include <ctime>
#include <optional>

#include "dbdrivers/cleanup/leftovers.hpp"
#include "dbdrivers/os/process_mark.hpp"
#include "dbdrivers/postgres/connection_error.hpp"
#include "dbdrivers/postgres/drop_database.hpp"

namespace migsafe::dbdrivers::postgres {

void mark_scratch_database(pqxx::transaction_base& tx, const std::string& name) {
  tx.exec("COMMENT ON DATABASE " + tx.quote_name(name) + " IS " +
          tx.quote("migsafe scratch database, dropped when its run ends: " +
                   os::to_text(os::this_process())));
}

std::vector<std::string> sweep_leftover_databases(pqxx::transaction_base& tx,
                                                  const std::string& admin_uri,
                                                  const DatabaseUrl& server) {
  std::vector<std::string> notes;
  const long long now = static_cast<long long>(std::time(nullptr));
  const pqxx::result found = tx.exec(
      "SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
      "WHERE datname ~ '^migsafe_[0-9a-f]{16}$' ORDER BY datname");
  for (const auto& row : found) {
    const std::string name = row[0].as<std::string>();
    const std::optional<os::ProcessMark> maker = os::parse_mark(row[1].as<std::string>());
    const std::string where = "scratch database " + name + " on " + server.display() + " (" +
                              cleanup::describe_maker(maker, now) + ")";
    switch (cleanup::judge_leftover(maker, now)) {
      case cleanup::Leftover::in_use:
        break;
      case cleanup::Leftover::remove:
        if (const std::string error = drop_scratch_database(admin_uri, name); !error.empty()) {
          notes.push_back("cannot drop the leftover " + where + ": " + scrub(server, error));
        }
        break;
      case cleanup::Leftover::report:
        notes.push_back("left alone: " + where +
                        "; a run on another host may still use it: drop it (DROP DATABASE " +
                        name + ") once none does");
        break;
    }
  }
  return notes;
}

}  // namespace migsafe::dbdrivers::postgres
