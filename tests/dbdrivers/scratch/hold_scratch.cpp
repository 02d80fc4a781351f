// Test helper: creates the scratch database argv[1] names (sqlite, postgres, a URL),
// prints where it lives, then waits to be interrupted or killed. The interrupt tests
// check that whatever it made is gone afterwards.
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "dbdrivers/interrupts.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"

int main(int argc, char** argv) {
  using namespace migsafe;
  if (argc != 2) {
    std::cerr << "usage: hold_scratch sqlite|postgres|URL\n";
    return 2;
  }
  dbdrivers::install_interrupt_handlers();
  try {
    dbdrivers::ScratchRequest request;
    request.db = argv[1];
    auto scratch = dbdrivers::create_scratch(request);
    long pid = 0;
    if (!scratch->folder().empty()) {
      std::ifstream pid_file(scratch->folder() / "data" / "postmaster.pid");
      pid_file >> pid;
    }
    std::cout << "READY folder=" << scratch->folder().string() << " pid=" << pid
              << " database=" << scratch->url().database << std::endl;
    for (;;) pause();
  } catch (const model::Error& e) {
    std::cerr << "hold_scratch: " << e.what() << "\n" << e.fix() << "\n";
    return 2;
  }
}
