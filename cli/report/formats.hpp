#pragma once

#include <iosfwd>

#include "cli/report/render.hpp"

// One function per format; cli/report/render.cpp chooses among them.
namespace migsafe::cli::report {

void render_text(const model::Report& report, std::ostream& out, const RenderOptions& options);
void render_json(const model::Report& report, std::ostream& out, const RenderOptions& options);
void render_sarif(const model::Report& report, std::ostream& out, const RenderOptions& options);
void render_github(const model::Report& report, std::ostream& out, const RenderOptions& options);

}  // namespace migsafe::cli::report
