#pragma once

#include <iosfwd>
#include <memory>
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

// Renders a report while it is being produced, so a command need not hold every finding:
// start() with everything but the findings, add() each finding in order, then finish()
// for what follows them (the summary). json, text and github write each finding as it
// comes; sarif lists the rules before the results, so it holds the findings until finish().
class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual void start(const model::Report& report) = 0;  // report.findings are not read
  virtual void add(const model::Finding& finding) = 0;
  virtual void finish() = 0;
};

// The one place a format is chosen.
std::unique_ptr<Renderer> make_renderer(Format format, std::ostream& out,
                                        const RenderOptions& options = {});

// Renders everything a command produced, findings included.
void render(const model::Report& report, Format format, std::ostream& out,
            const RenderOptions& options = {});

}  // namespace migsafe::cli::report
