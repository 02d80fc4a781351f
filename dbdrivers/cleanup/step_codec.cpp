#include "dbdrivers/cleanup/step_codec.hpp"

#include <cstdio>

namespace migsafe::dbdrivers::cleanup {
namespace {

const char* const names[] = {"remove_folder", "stop_postmaster", "drop_database",
                             "compose_down",  "track_group",     "untrack_group"};

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == ' ' || c == '\n' || c == '\r' || c == '\0') {
      char code[4];
      std::snprintf(code, sizeof code, "%%%02X", static_cast<unsigned char>(c));
      out += code;
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string encode_step(const Step& step) {
  std::string line = names[static_cast<int>(step.kind)];
  for (const auto& arg : step.args) line += " " + escape(arg);
  return line + "\n";
}

std::optional<Step> decode_step(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find(' ', start);
    if (end == std::string::npos) end = line.size();
    fields.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  if (fields.empty()) return std::nullopt;
  for (int kind = 0; kind < static_cast<int>(sizeof names / sizeof names[0]); ++kind) {
    if (fields[0] != names[kind]) continue;
    Step step{static_cast<StepKind>(kind), {}};
    try {
      for (std::size_t i = 1; i < fields.size(); ++i) step.args.push_back(unescape(fields[i]));
    } catch (const std::exception&) {
      return std::nullopt;
    }
    return step;
  }
  return std::nullopt;
}

}  // namespace migsafe::dbdrivers::cleanup
