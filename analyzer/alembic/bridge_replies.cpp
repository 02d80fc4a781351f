#include "analyzer/alembic/bridge_replies.hpp"

#include <nlohmann/json.hpp>

#include "analyzer/alembic/json_integer.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::alembic::replies {
namespace {

using json = nlohmann::json;

json parse(std::string_view text, const char* shape) {
  try {
    json document = json::parse(text);
    if (!document.is_object()) throw json::type_error::create(302, "not an object", nullptr);
    return document;
  } catch (const json::exception& e) {
    throw model::Error(std::string("internal: the Python bridge answered malformed ") + shape +
                       " JSON: " + e.what());
  }
}

// Runs `read` on the parsed reply, turning a missing or mistyped member into one error.
template <class Read>
auto read_reply(std::string_view text, const char* shape, Read&& read) {
  const json document = parse(text, shape);
  try {
    return read(document);
  } catch (const json::exception& e) {
    throw model::Error(std::string("internal: the Python bridge's ") + shape +
                       " reply lacks what migsafe reads: " + e.what());
  }
}

std::string text(const json& object, const char* name) {
  return object.at(name).get<std::string>();
}

int number(const json& object, const char* name) { return json_integer<int>(object.at(name)); }

StatementKind statement_kind(const std::string& kind) {
  if (kind == "operation") return StatementKind::operation;
  if (kind == "transaction") return StatementKind::transaction;
  if (kind == "version_table") return StatementKind::version_table;
  if (kind == "environment") return StatementKind::environment;
  throw json::other_error::create(501, "unknown statement kind '" + kind + "'", nullptr);
}

}  // namespace

std::vector<Revision> revisions(std::string_view json_text) {
  return read_reply(json_text, "revisions", [](const json& document) {
    std::vector<Revision> result;
    for (const json& item : document.at("revisions")) {
      Revision revision;
      revision.id = text(item, "id");
      revision.down_revisions = item.at("down_revisions").get<std::vector<std::string>>();
      revision.file = text(item, "file");
      revision.upgrade_line = number(item, "upgrade_line");
      revision.downgrade_line = number(item, "downgrade_line");
      revision.message = text(item, "message");
      result.push_back(std::move(revision));
    }
    return result;
  });
}

std::vector<std::string> heads(std::string_view json_text) {
  return read_reply(json_text, "heads", [](const json& document) {
    return document.at("heads").get<std::vector<std::string>>();
  });
}

std::vector<std::string> current(std::string_view json_text) {
  return read_reply(json_text, "current", [](const json& document) {
    return document.at("current").get<std::vector<std::string>>();
  });
}

std::vector<EmittedStatement> statements(std::string_view json_text) {
  return read_reply(json_text, "offline_sql", [](const json& document) {
    std::vector<EmittedStatement> result;
    for (const json& item : document.at("statements")) {
      EmittedStatement statement;
      statement.sql = text(item, "sql");
      statement.kind = statement_kind(text(item, "kind"));
      statement.revision = text(item, "revision");
      statement.file = text(item, "file");
      statement.line = number(item, "line");
      statement.column = number(item, "column");
      result.push_back(std::move(statement));
    }
    return result;
  });
}

OfflineRender offline_render(std::string_view json_text) {
  OfflineRender result;
  result.statements = statements(json_text);
  result.unrendered = read_reply(json_text, "offline_sql", [](const json& document) {
    std::vector<UnrenderedRevision> unrendered;
    for (const json& item : document.at("unrendered")) {
      UnrenderedRevision revision;
      revision.revision = text(item, "revision");
      revision.file = text(item, "file");
      revision.line = number(item, "line");
      revision.reason = text(item, "reason");
      unrendered.push_back(std::move(revision));
    }
    return unrendered;
  });
  return result;
}

ProjectSettings settings(std::string_view json_text) {
  return read_reply(json_text, "settings", [](const json& document) {
    ProjectSettings result;
    result.configured_url = text(document, "configured_url");
    result.script_location = text(document, "script_location");
    result.version_table = text(document, "version_table");
    result.version_table_schema = text(document, "version_table_schema");
    return result;
  });
}

bool flag(std::string_view json_text, const char* name) {
  return read_reply(json_text, name,
                    [name](const json& document) { return document.at(name).get<bool>(); });
}

ErrorReply error(std::string_view json_text) {
  return read_reply(json_text, "error", [](const json& document) {
    ErrorReply result;
    result.kind = text(document, "kind");
    result.message = text(document, "message");
    result.fix = text(document, "fix");
    result.revision = text(document, "revision");
    result.file = text(document, "file");
    result.line = number(document, "line");
    result.column = number(document, "column");
    result.statement = text(document, "statement");
    result.database_error = text(document, "database_error");
    return result;
  });
}

}  // namespace migsafe::analyzer::alembic::replies
