// libFuzzer target: the bytes as one .sql file, linted as `migsafe lint FILE.sql` lints
// it (analyzer/lint/lint_paths.cpp: one unit, one piece at 1:1, Alembic's bookkeeping
// passed over), once per dialect. rules::lint() promises never to throw on bad input, so
// an exception out of it is a failure like a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/lint/bookkeeping.hpp"
#include "model/finding.hpp"
#include "rules/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace migsafe;
  const std::string sql(reinterpret_cast<const char*>(data), size);
  for (const rules::Dialect dialect : {rules::Dialect::postgresql, rules::Dialect::sqlite}) {
    rules::LintOptions options;
    options.context.dialect = dialect;
    options.skip_statement = [](const rules::sql::Statement& s) {
      return analyzer::lint::is_bookkeeping(s);
    };
    rules::LintUnit unit;
    rules::Piece piece;
    piece.sql = sql;
    piece.origin.file = "fuzz.sql";
    piece.origin.line = 1;
    piece.origin.column = 1;
    unit.pieces.push_back(std::move(piece));
    rules::lint(unit, options, [](model::Finding&&) {});
  }
  return 0;
}
