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

std::unique_ptr<Renderer> make_renderer(Format format, std::ostream& out,
                                        const RenderOptions& options) {
  switch (format) {
    case Format::text:
      return text_renderer(out, options);
    case Format::json:
      return json_renderer(out, options);
    case Format::sarif:
      return sarif_renderer(out, options);
    case Format::github:
      return github_renderer(out, options);
  }
  return json_renderer(out, options);
}

void render(const model::Report& report, Format format, std::ostream& out,
            const RenderOptions& options) {
  const auto renderer = make_renderer(format, out, options);
  renderer->start(report);
  for (const auto& finding : report.findings) renderer->add(finding);
  renderer->finish();
}

}  // namespace migsafe::cli::report
