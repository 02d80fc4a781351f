#include "analyzer/lint/revision_units.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "analyzer/lint/batch_copy.hpp"
#include "analyzer/lint/bookkeeping.hpp"

namespace migsafe::analyzer::lint {

namespace fs = std::filesystem;

namespace {

std::string upper_head(const std::string& sql, std::size_t length) {
  std::string head;
  for (char c : sql) {
    if (head.empty() && std::isspace(static_cast<unsigned char>(c)) != 0) continue;
    head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (head.size() >= length) break;
  }
  return head;
}

bool opens_transaction(const std::string& sql) {
  const std::string head = upper_head(sql, 17);
  return head.rfind("BEGIN", 0) == 0 || head.rfind("START TRANSACTION", 0) == 0;
}

bool closes_transaction(const std::string& sql) {
  const std::string head = upper_head(sql, 12);
  if (head.rfind("ROLLBACK TO ", 0) == 0) return false;  // to a savepoint: the transaction goes on
  return head.rfind("COMMIT", 0) == 0 || head.rfind("ROLLBACK", 0) == 0 || head.rfind("END", 0) == 0;
}

std::string absolute_file(const std::string& file, const std::string& ini_folder) {
  if (file.empty()) return file;
  fs::path path(file);
  if (path.is_relative()) path = fs::path(ini_folder) / path;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  return (ec ? path.lexically_normal() : canonical).string();
}

rules::Piece piece_of(const alembic::EmittedStatement& statement, const std::string& file) {
  rules::Piece piece;
  piece.sql = statement.sql;
  piece.origin = {file, std::max(statement.line, 1), std::max(statement.column, 1), statement.revision};
  piece.positions = rules::Positions::at_origin;
  // Only Alembic's BEGIN/COMMIT are the tool's; a COMMIT the revision runs through
  // op.execute is an operation (the bridge's classification), judged as its own.
  if (statement.kind == alembic::StatementKind::transaction) piece.author = rules::sql::Author::tool;
  return piece;
}

}  // namespace

std::vector<RevisionUnit> split_by_revision(const std::vector<alembic::EmittedStatement>& statements,
                                            const std::string& ini_folder) {
  std::vector<RevisionUnit> units;
  std::vector<rules::Piece> preamble;
  bool in_transaction = false;
  const std::vector<bool> batch_copy = batch_copy_statements(statements);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const alembic::EmittedStatement& statement = statements[i];
    if (is_bookkeeping(statement) || batch_copy[i]) continue;
    // A revision's own COMMIT (op.execute) ends Alembic's transaction as well: the next
    // revision does not start in it.
    const bool transaction = statement.kind == alembic::StatementKind::transaction ||
                             statement.kind == alembic::StatementKind::operation;
    const bool opens = transaction && opens_transaction(statement.sql);
    const bool closes = transaction && closes_transaction(statement.sql);
    if (statement.revision.empty()) {
      // Alembic's run-wide BEGIN/COMMIT, or SQL env.py emits itself.
      if (opens) {
        in_transaction = true;
      } else if (closes) {
        in_transaction = false;
      } else if (units.empty()) {
        preamble.push_back(piece_of(statement, absolute_file(statement.file, ini_folder)));
      }
      continue;
    }
    if (units.empty() || units.back().revision != statement.revision) {
      RevisionUnit unit;
      unit.revision = statement.revision;
      unit.file = absolute_file(statement.file, ini_folder);
      unit.unit.pieces = preamble;
      unit.starts_in_transaction = in_transaction;
      units.push_back(std::move(unit));
    }
    RevisionUnit& unit = units.back();
    unit.unit.pieces.push_back(piece_of(statement, absolute_file(statement.file, ini_folder)));
    if (opens) in_transaction = true;
    if (closes) in_transaction = false;
  }
  return units;
}

}  // namespace migsafe::analyzer::lint
