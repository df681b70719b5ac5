// Access to an Engine's internals for eddy's own code and tests; not a public header.
#pragma once

#include "eddy/engine.h"
#include "planner/catalog.h"

namespace eddy {

struct EngineInternals {
  // The engine's catalog: e.g. to register a table function (Catalog::add_table_function).
  static Catalog& catalog(Engine& engine) { return *engine.catalog_; }
};

}  // namespace eddy
