#include "cli/report/render.hpp"

#include <cstdlib>
#include <unistd.h>

#include "cli/report/formats.hpp"

namespace migsafe::cli::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  if (name == "github") return Format::github;
  return std::nullopt;
}

Color color_for_stdout() {
  const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org
  if (no_color != nullptr && *no_color != '\0') return Color::never;
  return isatty(STDOUT_FILENO) ? Color::always : Color::never;
}

void render(const model::Report& report, Format format, std::ostream& out,
            const RenderOptions& options) {
  switch (format) {
    case Format::text:
      render_text(report, out, options);
      return;
    case Format::json:
      render_json(report, out, options);
      return;
    case Format::sarif:
      render_sarif(report, out, options);
      return;
    case Format::github:
      render_github(report, out, options);
      return;
  }
}

}  // namespace migsafe::cli::report
