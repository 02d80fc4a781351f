// Runs a command against a scratch database booted exactly as `migsafe check` boots
// one, so the benchmark's peer (plain `python3 -m alembic`) pays the same boot.
//
//   migsafe_with_scratch postgres -- /usr/bin/python3 -m alembic -c alembic.ini upgrade head
//
// The scratch URL reaches the command as $DATABASE_URL; the database is removed after.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "dbdrivers/interrupts.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"

int main(int argc, char** argv) {
  if (argc < 4 || std::string(argv[2]) != "--") {
    std::cerr << "usage: migsafe_with_scratch sqlite|postgres|URL -- COMMAND [ARGS...]\n";
    return 2;
  }
  migsafe::dbdrivers::install_interrupt_handlers();
  try {
    auto scratch = migsafe::dbdrivers::create_scratch({argv[1], {}});
    ::setenv("DATABASE_URL", scratch->url().to_string().c_str(), 1);
    const pid_t child = ::fork();
    if (child == 0) {
      ::execvp(argv[3], argv + 3);
      std::perror("migsafe_with_scratch: exec");
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  } catch (const migsafe::model::Error& error) {
    std::cerr << "migsafe_with_scratch: " << error.what() << "\n";
    return 2;
  }
}
