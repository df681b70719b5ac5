// Every function a query of one engine can call, with its usage: the built-in scalar functions
// and special forms (CAST), the aggregates, the window table functions and the functions the
// embedding program registered. SHOW FUNCTIONS lists them; the shell's help and tab completion
// read them through Engine::functions.
#pragma once

#include <string>
#include <vector>

namespace eddy {

class Catalog;

struct FunctionListing {
  std::string name;
  std::string kind;   // "scalar", "aggregate" or "table"
  std::string usage;  // "SUBSTRING(s, start[, length])"
};

// By name (case-insensitive), then kind.
std::vector<FunctionListing> list_functions(const Catalog& catalog);

}  // namespace eddy
