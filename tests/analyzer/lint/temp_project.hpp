#pragma once

#include <string>

#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::tests {

// A minimal Alembic project (offline mode only) in a temp folder. `url` picks the
// dialect; each revision is written with write_revision.
class TempProject : public TempDir {
 public:
  explicit TempProject(const std::string& url = "postgresql://localhost/app") {
    write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = " + url + "\n");
    write("migrations/env.py",
          "from alembic import context\n"
          "\n"
          "def run_migrations_offline():\n"
          "    context.configure(url=context.config.get_main_option('sqlalchemy.url'),\n"
          "                      literal_binds=True, transaction_per_migration=True)\n"
          "    with context.begin_transaction():\n"
          "        context.run_migrations()\n"
          "\n"
          "if context.is_offline_mode():\n"
          "    run_migrations_offline()\n"
          "else:\n"
          "    raise RuntimeError('this test project runs offline only')\n");
    write("migrations/script.py.mako", "");
  }

  // `body` is the upgrade() body, one statement per line, already indented.
  std::filesystem::path write_revision(const std::string& id, const std::string& down,
                                       const std::string& body, const std::string& header = "") {
    return write("migrations/versions/" + id + "_rev.py",
                 header +
                     "\"\"\"A test revision.\"\"\"\n"
                     "from alembic import op\n"
                     "import sqlalchemy as sa\n"
                     "\n"
                     "revision = '" + id + "'\n"
                     "down_revision = " + (down.empty() ? "None" : "'" + down + "'") + "\n"
                     "\n"
                     "\n"
                     "def upgrade():\n" +  // line 9
                     body +
                     "\n"
                     "\n"
                     "def downgrade():\n"
                     "    pass\n");
  }
};

}  // namespace migsafe::tests
