// The version of the eddy library a program runs against (the shell's --version prints it).
#pragma once

#include "eddy/export.h"

namespace eddy {

// "MAJOR.MINOR.PATCH", e.g. "0.1.0": the library's, which may differ from the headers' a program
// was compiled with when libeddy.so was replaced (the SONAME changes with MAJOR.MINOR).
EDDY_EXPORT const char* version();

}  // namespace eddy
