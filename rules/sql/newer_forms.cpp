#include "rules/sql/newer_forms.hpp"

#include "rules/sql/scanner.hpp"

namespace migsafe::rules::sql {
namespace {

// "SET EXPRESSION AS" and whatever stands between its words become this, padded with
// blanks to the same length (the shortest spelling, 17 bytes, is longer).
constexpr std::string_view set_default = "SET DEFAULT";

bool is_open(const Token& t) { return is_char(t, '(') || is_char(t, '['); }
bool is_close(const Token& t) { return is_char(t, ')') || is_char(t, ']'); }

// tokens[at] starts `SET EXPRESSION AS (` right after `ALTER [COLUMN] name`.
bool set_expression_at(const std::string& text, const std::vector<Token>& tokens, std::size_t at) {
  if (at < 2 || at + 3 >= tokens.size()) return false;
  if (!is_keyword(text, tokens[at], "SET") || !is_keyword(text, tokens[at + 1], "EXPRESSION") ||
      !is_keyword(text, tokens[at + 2], "AS") || !is_char(tokens[at + 3], '(')) {
    return false;
  }
  // tokens[at - 1] is the column; before it ALTER, or ALTER COLUMN.
  if (is_keyword(text, tokens[at - 2], "ALTER")) return true;
  return at >= 3 && is_keyword(text, tokens[at - 2], "COLUMN") &&
         is_keyword(text, tokens[at - 3], "ALTER");
}

}  // namespace

std::optional<NewerForm> respell_newer_form(const std::string& statement) {
  const std::optional<std::vector<Token>> scanned = scan_tokens(statement);
  if (!scanned || scanned->size() < 2) return std::nullopt;
  const std::vector<Token>& tokens = *scanned;
  if (!is_keyword(statement, tokens[0], "ALTER") || !is_keyword(statement, tokens[1], "TABLE")) {
    return std::nullopt;
  }
  NewerForm form;
  form.respelled = statement;
  int depth = 0;
  std::size_t command = 0;  // ALTER TABLE's commands are separated by top-level commas
  for (std::size_t i = 2; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (is_open(t)) ++depth;
    if (is_close(t) && depth > 0) --depth;
    if (depth != 0) continue;
    if (is_char(t, ',')) ++command;
    if (!set_expression_at(statement, tokens, i)) continue;
    const std::size_t begin = t.start;
    const std::size_t end = tokens[i + 2].end;
    form.respelled.replace(
        begin, end - begin,
        std::string(set_default) + std::string(end - begin - set_default.size(), ' '));
    form.set_expression_commands.push_back(command);
    i += 2;
  }
  if (form.set_expression_commands.empty()) return std::nullopt;
  return form;
}

bool correct_newer_form_facts(const NewerForm& form, Facts& facts) {
  auto* alter = std::get_if<AlterTable>(&facts);
  if (alter == nullptr || alter->object != "table") return false;
  for (const std::size_t index : form.set_expression_commands) {
    if (index >= alter->commands.size()) return false;
    AlterTableCommand& cmd = alter->commands[index];
    if (cmd.kind != AlterKind::set_default) return false;
    cmd.kind = AlterKind::set_expression;
    cmd.subtype = "AT_SetExpression";  // PostgreSQL 17's name for it
  }
  return true;
}

}  // namespace migsafe::rules::sql
