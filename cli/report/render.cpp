#include "cli/report/render.hpp"

#include <unistd.h>

#include <cstdlib>

#include "cli/report/formats.hpp"

namespace migsafe::cli::report {

const std::vector<FormatDefinition>& format_definitions() {
  static const std::vector<FormatDefinition> formats = {
      {"text", "for people: each finding with its source lines, then a summary", text_renderer,
       nullptr},
      {"json", "one JSON document (docs/cli.md describes it)", json_renderer, json_error},
      {"sarif", "SARIF 2.1.0, for code scanning", sarif_renderer, sarif_error},
      {"github", "GitHub Actions workflow commands: annotations on the pull request",
       github_renderer, github_error},
  };
  return formats;
}

const FormatDefinition* find_format(std::string_view name) {
  for (const FormatDefinition& format : format_definitions()) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

std::string format_names() {
  std::string out;
  for (const FormatDefinition& format : format_definitions()) {
    out += (out.empty() ? "" : ", ") + std::string(format.name);
  }
  return out;
}

Color color_for_stdout() {
  const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org
  if (no_color != nullptr && *no_color != '\0') return Color::never;
  return isatty(STDOUT_FILENO) ? Color::always : Color::never;
}

void render(const model::Report& report, const FormatDefinition& format, std::ostream& out,
            const RenderOptions& options) {
  const auto renderer = format.make(out, options);
  renderer->start(report);
  for (const auto& finding : report.findings) renderer->add(finding);
  renderer->finish();
}

}  // namespace migsafe::cli::report
