#pragma once

#include <iosfwd>
#include <memory>

#include "cli/report/render.hpp"

// One renderer per format; format_definitions() in cli/report/render.cpp names them.
namespace migsafe::cli::report {

std::unique_ptr<Renderer> text_renderer(std::ostream& out, const RenderOptions& options);
std::unique_ptr<Renderer> json_renderer(std::ostream& out, const RenderOptions& options);
std::unique_ptr<Renderer> sarif_renderer(std::ostream& out, const RenderOptions& options);
std::unique_ptr<Renderer> github_renderer(std::ostream& out, const RenderOptions& options);

// A run's error in each machine format (docs/cli.md, "Errors in machine formats").
void json_error(std::ostream& out, const RunError& error);
void sarif_error(std::ostream& out, const RunError& error);
void github_error(std::ostream& out, const RunError& error);

}  // namespace migsafe::cli::report
