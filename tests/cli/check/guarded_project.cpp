#include "tests/cli/check/guarded_project.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace migsafe::testing {
namespace fs = std::filesystem;

namespace {

int line_of(const std::string& text, const std::string& needle) {
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.find(needle) != std::string::npos) return number;
  }
  throw std::logic_error("env.py template lost the line: " + needle);
}

std::string indented(const std::string& code) {
  std::istringstream lines(code);
  std::string line;
  std::string out;
  while (std::getline(lines, line)) out += "    " + line + "\n";
  return out;
}

}  // namespace

std::string python_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += (c == '\'' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "'";
}

GuardedProject::GuardedProject(const std::string& url_expression,
                               const std::string& after_migrations) {
  static int counter = 0;
  folder = fs::temp_directory_path() /
           ("migsafe_guarded_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(folder);
  fs::copy(fs::path(MIGSAFE_SOURCE_DIR) / "fixtures/alembic/reggie", folder,
           fs::copy_options::recursive);
  for (const char* leftover : {"reggie.db", "app/__pycache__", "migrations/__pycache__",
                               "migrations/versions/__pycache__"}) {
    fs::remove_all(folder / leftover);
  }
  const std::string env_py =
      "import os\n"
      "import sqlite3\n"
      "import psycopg2\n"
      "from alembic import context\n"
      "from sqlalchemy import create_engine, pool, text\n"
      "from app.models import Base\n"
      "\n"
      "config = context.config\n"
      "target_metadata = Base.metadata\n"
      "\n"
      "if context.is_offline_mode():\n"
      "    context.configure(url=config.get_main_option('sqlalchemy.url'),\n"
      "                      target_metadata=target_metadata, literal_binds=True)\n"
      "    with context.begin_transaction():\n"
      "        context.run_migrations()\n"
      "else:\n"
      "    engine = create_engine(" +
      url_expression +
      ", poolclass=pool.NullPool)\n"
      "    with engine.connect() as connection:\n"
      "        context.configure(connection=connection, target_metadata=target_metadata,\n"
      "                          transaction_per_migration=True)\n"
      "        with context.begin_transaction():\n"
      "            context.run_migrations()\n" +
      indented(after_migrations);
  std::ofstream(folder / "migrations/env.py") << env_py;
  engine_line = line_of(env_py, "engine = create_engine(");
  connect_line = line_of(env_py, "with engine.connect()");
}

GuardedProject::~GuardedProject() {
  std::error_code ignored;
  fs::remove_all(folder, ignored);
}

}  // namespace migsafe::testing
