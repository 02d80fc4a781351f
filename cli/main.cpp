#include "cli/app.hpp"

int main(int argc, char** argv) { return migsafe::cli::run(argc, argv); }
