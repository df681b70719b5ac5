#include "planner/function_list.h"

#include <algorithm>

#include "expr/expr.h"
#include "planner/catalog.h"
#include "planner/function_catalog.h"
#include "runtime/suggest.h"
#include "state/aggregate.h"

namespace eddy {

namespace {

// Calls the binder or the grammar handles itself rather than the function registry.
struct SpecialForm {
  const char* name;
  const char* kind;
  const char* usage;
};
constexpr SpecialForm kSpecialForms[] = {
    {"CAST", "scalar", "CAST(x AS type)"},
    {"TRY_CAST", "scalar", "TRY_CAST(x AS type) (NULL when x does not convert)"},
    {"TIMEOUT_TIME", "scalar", "TIMEOUT_TIME() (with GROUP BY ... TIMEOUT)"},
    {"SOURCE_WATERMARK", "scalar", "SOURCE_WATERMARK() (in a WATERMARK clause)"},
};

std::string registered_usage(const ScalarFunctionDef& def) {
  std::string usage = def.name + "(";
  for (size_t i = 0; i < def.params.size(); ++i)
    usage += (i ? ", " : "") + def.params[i].to_string();
  return usage + ") returns " + def.result.to_string();
}

}  // namespace

std::vector<FunctionListing> list_functions(const Catalog& catalog) {
  std::vector<FunctionListing> out;
  for (auto& [name, usage] : scalar_function_usages()) out.push_back({name, "scalar", usage});
  for (const SpecialForm& form : kSpecialForms) out.push_back({form.name, form.kind, form.usage});
  for (auto& [name, usage] : aggregate_function_usages()) out.push_back({name, "aggregate", usage});
  for (auto& [name, usage] : window_table_function_usages()) out.push_back({name, "table", usage});
  const FunctionCatalog& registered = catalog.functions();
  for (const auto& name : registered.scalar_names())
    out.push_back({name, "scalar", registered_usage(*registered.find_scalar(name))});
  for (const auto& name : registered.table_names())
    out.push_back({name, "table", table_function_usage(*registered.find_table(name))});
  std::stable_sort(out.begin(), out.end(), [](const FunctionListing& a, const FunctionListing& b) {
    return to_upper(a.name) < to_upper(b.name);
  });
  return out;
}

}  // namespace eddy
