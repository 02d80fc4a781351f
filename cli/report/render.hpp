#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "model/report.hpp"

namespace migsafe::cli::report {

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

using RendererFactory = std::unique_ptr<Renderer> (*)(std::ostream& out,
                                                      const RenderOptions& options);

// A run that could not finish (exit 2): the message and fix the CLI prints on stderr,
// also written to stdout in the machine formats, so CI always has something to read.
struct RunError {
  std::string command;  // "check", "lint", "drift", "rules"
  std::string message;
  std::string help;
};

using ErrorWriter = void (*)(std::ostream& out, const RunError& error);

// One output format: the name --format takes, what it is for (--help prints it) and its
// renderer (cli/report/formats.hpp).
struct FormatDefinition {
  std::string_view name;
  std::string_view description;
  RendererFactory make;
  ErrorWriter write_error;  // null: stderr's message is the whole story (text)
};

// Every format, in the order --help and messages list them; the first is the default.
// The one list of format names: --format's help and validation, the docs tests and
// render() all read it.
const std::vector<FormatDefinition>& format_definitions();

// The format named `name`; nullptr for anything else.
const FormatDefinition* find_format(std::string_view name);

// "text, json, sarif, github": what a message about an unknown format lists.
std::string format_names();

// Renders everything a command produced, findings included.
void render(const model::Report& report, const FormatDefinition& format, std::ostream& out,
            const RenderOptions& options = {});

}  // namespace migsafe::cli::report
