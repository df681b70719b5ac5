// The functions registered with one engine (planner/functions.h): scalar functions called in
// expressions and table functions called in FROM, by case-insensitive name. A registered name
// may not be taken twice, nor be the name of a built-in function (scalar, aggregate, or a window
// table function), so a name always means one function.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/error.h"
#include "planner/functions.h"

namespace eddy {

// TUMBLE, HOP, CUMULATE and SESSION: the built-in table functions.
const std::vector<std::string>& window_table_function_names();
bool is_window_table_function(const std::string& name);
// (name, usage) of each: "TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])".
std::vector<std::pair<std::string, std::string>> window_table_function_usages();
// A registered table function's usage: "name(TABLE t PARTITION BY k, BIGINT)".
std::string table_function_usage(const TableFunctionDef& def);

class FunctionCatalog {
 public:
  Status add_scalar(std::shared_ptr<const ScalarFunctionDef> fn);
  Status add_table(std::shared_ptr<const TableFunctionDef> fn);
  std::shared_ptr<const ScalarFunctionDef> find_scalar(const std::string& name) const;
  std::shared_ptr<const TableFunctionDef> find_table(const std::string& name) const;
  // Names as registered, in name order.
  std::vector<std::string> scalar_names() const;
  std::vector<std::string> table_names() const;

 private:
  Status check_name(const std::string& name) const;

  std::map<std::string, std::shared_ptr<const ScalarFunctionDef>> scalars_;  // key: upper-cased
  std::map<std::string, std::shared_ptr<const TableFunctionDef>> tables_;
};

}  // namespace eddy
