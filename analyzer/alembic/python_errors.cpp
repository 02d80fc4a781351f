#include "analyzer/alembic/python_errors.hpp"

#include <string>

#include "analyzer/alembic/bridge_replies.hpp"
#include "analyzer/alembic/project.hpp"
#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::alembic {

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

void throw_migsafe_error(const python::PythonError& error, const std::string& context) {
  if (error.bridge_error.empty()) {
    // The bridge wraps every exception it sees; this is one of its own bugs, or an
    // exception raised before it was reached. Keep it short, but keep it.
    const std::string what = dbdrivers::mask_passwords(first_line(error.what()));
    throw model::InputError(context + ": " + what,
                            "run with -v for details; report it if the project runs under "
                            "`/usr/bin/python3 -m alembic`");
  }
  const replies::ErrorReply reply = replies::error(error.bridge_error);
  const auto masked = [](const std::string& text) { return dbdrivers::mask_passwords(text); };
  if (reply.kind == "migration") {
    throw MigrationError(masked(reply.message), masked(reply.revision), masked(reply.file),
                         reply.line, masked(reply.statement), masked(reply.database_error),
                         reply.column);
  }
  if (reply.kind == "environment") {
    throw model::EnvironmentError(masked(reply.message), masked(reply.fix));
  }
  throw model::InputError(masked(reply.message), masked(reply.fix));
}

}  // namespace migsafe::analyzer::alembic
