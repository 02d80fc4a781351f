#pragma once

namespace migsafe::dbdrivers::cleanup {

// The reaper's body: reads steps from `channel` until end-of-file, then undoes them in
// reverse order. Returns the exit status (0 when every step succeeded).
int reaper_main(int channel) noexcept;

}  // namespace migsafe::dbdrivers::cleanup
