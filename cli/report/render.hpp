#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "model/report.hpp"

namespace migsafe::cli::report {

enum class Format { text, json, sarif, github };

// "text", "json", "sarif", "github"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);

enum class Color { never, always };

// Colour for a stream printed to stdout: only when stdout is a terminal and NO_COLOR
// is not set.
Color color_for_stdout();

struct RenderOptions {
  Color color = Color::never;
  // Folder relative finding paths are read from (text's source lines). Empty: the
  // current folder.
  std::string base_dir;
  // Where rule doc pages live online; SARIF's helpUri is this + "<rule-id>.md".
  std::string docs_base_uri = "https://github.com/migsafe/migsafe/blob/main/docs/rules/";
};

// The one place a format is chosen: renders everything a command produced.
void render(const model::Report& report, Format format, std::ostream& out,
            const RenderOptions& options = {});

}  // namespace migsafe::cli::report
