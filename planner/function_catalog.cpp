#include "planner/function_catalog.h"

#include <algorithm>

#include <fmt/format.h>

#include "expr/expr.h"
#include "runtime/suggest.h"
#include "state/aggregate.h"

namespace eddy {

const std::vector<std::string>& window_table_function_names() {
  static const std::vector<std::string> names = {"CUMULATE", "HOP", "SESSION", "TUMBLE"};
  return names;
}

bool is_window_table_function(const std::string& name) {
  const auto& names = window_table_function_names();
  return std::find(names.begin(), names.end(), to_upper(name)) != names.end();
}

Status FunctionCatalog::check_name(const std::string& name) const {
  const std::string upper = to_upper(name);
  if (name.empty()) return Error{Error::Kind::Bind, "a function needs a name"};
  if (is_scalar_function(upper) || is_aggregate_function(upper) || upper == "TIMEOUT_TIME")
    return Error{Error::Kind::Bind,
                 fmt::format("function '{}' is built in: choose another name", name)};
  if (is_window_table_function(upper))
    return Error{
        Error::Kind::Bind,
        fmt::format("'{}' is a built-in window table function: choose another name", name)};
  if (scalars_.count(upper) || tables_.count(upper))
    return Error{Error::Kind::Bind, fmt::format("function '{}' is already registered", name)};
  return {};
}

Status FunctionCatalog::add_scalar(std::shared_ptr<const ScalarFunctionDef> fn) {
  if (Status status = check_name(fn->name); !status) return status;
  if (!fn->call)
    return Error{Error::Kind::Bind, fmt::format("function '{}' has nothing to call", fn->name)};
  scalars_[to_upper(fn->name)] = std::move(fn);
  return {};
}

Status FunctionCatalog::add_table(std::shared_ptr<const TableFunctionDef> fn) {
  if (Status status = check_name(fn->name); !status) return status;
  if (fn->tables != 1 && fn->tables != 2)
    return Error{
        Error::Kind::Bind,
        fmt::format("table function '{}' must take 1 or 2 tables, not {}", fn->name, fn->tables)};
  if (!fn->make)
    return Error{Error::Kind::Bind,
                 fmt::format("table function '{}' has no operator to make", fn->name)};
  tables_[to_upper(fn->name)] = std::move(fn);
  return {};
}

std::shared_ptr<const ScalarFunctionDef> FunctionCatalog::find_scalar(
    const std::string& name) const {
  auto it = scalars_.find(to_upper(name));
  return it == scalars_.end() ? nullptr : it->second;
}

std::shared_ptr<const TableFunctionDef> FunctionCatalog::find_table(const std::string& name) const {
  auto it = tables_.find(to_upper(name));
  return it == tables_.end() ? nullptr : it->second;
}

std::vector<std::string> FunctionCatalog::scalar_names() const {
  std::vector<std::string> names;
  for (const auto& [key, fn] : scalars_) names.push_back(fn->name);
  return names;
}

std::vector<std::string> FunctionCatalog::table_names() const {
  std::vector<std::string> names;
  for (const auto& [key, fn] : tables_) names.push_back(fn->name);
  return names;
}

}  // namespace eddy
