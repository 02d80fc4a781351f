#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/alembic/project.hpp"

// The JSON shapes the Python bridge's verbs answer (docs/bridge.md), parsed into
// structs. One parser per shape, all here; malformed input (a bridge bug) throws
// model::Error saying which verb answered what, never anything else.
namespace migsafe::analyzer::alembic::replies {

std::vector<Revision> revisions(std::string_view json);           // {"revisions": [...]}
std::vector<std::string> heads(std::string_view json);            // {"heads": [...]}
std::vector<std::string> current(std::string_view json);          // {"current": [...]}
std::vector<EmittedStatement> statements(std::string_view json);  // {"statements": [...]}
OfflineRender offline_render(std::string_view json);              // and {"unrendered": [...]}
ProjectSettings settings(std::string_view json);                  // {"configured_url", ...}
bool flag(std::string_view json, const char* name);               // {"<name>": true|false}

// The error every verb may raise instead of answering (BridgeError.to_json()).
struct ErrorReply {
  std::string kind;  // "input", "environment" or "migration"
  std::string message;
  std::string fix;
  std::string revision;
  std::string file;
  int line = 0;
  int column = 0;
  std::string statement;
  std::string database_error;
};
ErrorReply error(std::string_view json);

}  // namespace migsafe::analyzer::alembic::replies
