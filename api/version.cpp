// The library's version, from the CMake project's (EDDY_VERSION is defined for this file only).
#include "eddy/version.h"

namespace eddy {

const char* version() { return EDDY_VERSION; }

}  // namespace eddy
