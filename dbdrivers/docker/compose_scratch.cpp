#include "dbdrivers/docker/compose_scratch.hpp"

#include <cstdlib>
#include <regex>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/os/command.hpp"
#include "dbdrivers/postgres/scratch_database.hpp"
#include "dbdrivers/scratch_handle.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::docker {
namespace {

#ifndef MIGSAFE_SOURCE_DIR
#define MIGSAFE_SOURCE_DIR "."
#endif

// The credentials docker-compose.yml gives the service.
constexpr const char* service = "postgres";
constexpr const char* service_user = "postgres";
constexpr const char* service_password = "migsafe";

os::CommandResult compose(const std::filesystem::path& file, std::vector<std::string> args,
                          cleanup::Reaper* reaper = nullptr) {
  os::Command command;
  command.argv = {"docker", "compose", "-f", file.string()};
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  return os::run_command(command, reaper);
}

int published_port(const std::filesystem::path& file) {
  auto result = compose(file, {"port", service, "5432"});
  static const std::regex port(R"(:(\d+)\s*$)");
  std::smatch m;
  if (!result.ok() || !std::regex_search(result.output, m, port)) {
    throw model::EnvironmentError("cannot read the port of the compose service '" +
                                      std::string(service) + "': " + result.output,
                                  "publish port 5432 in " + file.string());
  }
  return std::stoi(m[1].str());
}

}  // namespace

std::filesystem::path compose_file() {
  if (const char* file = std::getenv("MIGSAFE_COMPOSE_FILE"); file != nullptr && *file != '\0') {
    return file;
  }
  return std::filesystem::path(MIGSAFE_SOURCE_DIR) / "docker-compose.yml";
}

std::unique_ptr<ScratchDatabase> create_compose_scratch() {
  os::Command info;
  info.argv = {"timeout", "30", "docker", "info"};
  if (!os::run_command(info).ok()) {
    throw model::EnvironmentError(
        "no Docker engine answers; use --db postgres (local binaries) or --db URL",
        "start Docker (docker info must succeed), or pick another --db");
  }
  std::filesystem::path file = compose_file();
  if (!std::filesystem::exists(file)) {
    throw model::EnvironmentError("the compose file " + file.string() + " does not exist",
                                  "set MIGSAFE_COMPOSE_FILE to a compose file with a 'postgres' service");
  }
  auto reaper = std::make_unique<cleanup::Reaper>();
  auto running = compose(file, {"ps", "--status", "running", "--quiet", service});
  bool already_up = running.ok() && running.output.find_first_not_of(" \n") != std::string::npos;
  if (!already_up) {
    reaper->compose_down(file);  // migsafe starts it, so migsafe stops it
    auto up = compose(file, {"up", "--detach", "--wait", service}, reaper.get());
    if (!up.ok()) {
      throw model::EnvironmentError("docker compose could not start '" + std::string(service) +
                                        "': " + up.output,
                                    "run docker compose -f " + file.string() + " up " + service +
                                        " to see why");
    }
  }
  DatabaseUrl server;
  server.scheme = "postgresql";
  server.driver = "psycopg2";
  server.user = service_user;
  server.password = service_password;
  server.host = "127.0.0.1";
  server.port = published_port(file);
  server.database = "postgres";
  auto created = postgres::create_database_on(server, *reaper);
  return std::make_unique<ScratchHandle>(created.url, "docker", created.server_version,
                                         std::filesystem::path{}, std::move(reaper));
}

}  // namespace migsafe::dbdrivers::docker
