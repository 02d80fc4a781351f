#pragma once

#include <cstddef>
#include <functional>

#include "rules/lint.hpp"

namespace migsafe::analyzer::lint {

// Lints `count` independent units on two threads and hands their findings to `sink` in
// unit order, on the calling thread. The unit next in order streams straight to `sink`;
// a unit the other thread lints ahead of it is held until its turn, and at most `window`
// units are ahead, so memory stays bounded however many units there are.
// `lint_unit(i, sink)` lints unit i (on either thread); `unit_done(i)` runs on the
// calling thread once unit i's findings are all out. An exception from a unit is
// rethrown when that unit's turn comes.
void lint_in_order(std::size_t count, std::size_t window,
                   const std::function<void(std::size_t, const rules::FindingSink&)>& lint_unit,
                   const std::function<void(std::size_t)>& unit_done,
                   const rules::FindingSink& sink);

}  // namespace migsafe::analyzer::lint
