// Registering a process function (include/eddy/process_function.h) with an engine: a table
// function whose operator runs it (operators/process_function.h).
#include "eddy/process_function.h"

#include "eddy/engine.h"
#include "operators/process_function.h"
#include "planner/catalog.h"
#include "planner/functions.h"

namespace eddy {

namespace {

// The table function that runs a process function made by `make` (one object per instance of the
// operator: at 'parallelism' N a one-input function runs as N, unless `single_instance`).
template <class Function>
std::shared_ptr<TableFunctionDef> table_function(std::string name, int tables,
                                                 std::vector<Field> output,
                                                 std::vector<Type> arguments,
                                                 std::function<std::unique_ptr<Function>()> make) {
  auto def = std::make_shared<TableFunctionDef>();
  def->name = name;
  def->tables = tables;
  def->params = std::move(arguments);
  def->output = std::move(output);
  def->make = [name, make = std::move(make)](
                  const TableFunctionCall& call) -> Result<std::unique_ptr<Operator>> {
    ProcessFunctionConfig config;
    config.name = name;
    config.inputs = call.inputs;
    config.partition_by = call.partition_by;
    config.args = call.args;
    config.output = call.output;
    config.clock = call.clock;
    std::unique_ptr<Function> function;
    try {
      function = make();
    } catch (const std::exception& e) {
      return Error{Error::Kind::Runtime,
                   "process function '" + name + "' could not be made: " + e.what()};
    }
    if (!function)
      return Error{Error::Kind::Runtime, "process function '" + name + "' made no instance"};
    if constexpr (std::is_same_v<Function, KeyedProcessFunction>)
      config.keyed = std::move(function);
    else
      config.co = std::move(function);
    return ProcessFunctionOperator::create(std::move(config));
  };
  return def;
}

}  // namespace

Status Engine::register_function(std::string name, ProcessFunctionSpec spec) {
  if (!spec.make) return Error{Error::Kind::Plan, "process function '" + name + "' has no make"};
  auto def = table_function<KeyedProcessFunction>(name, 1, std::move(spec.output),
                                                  std::move(spec.arguments), std::move(spec.make));
  def->keyed_instances = !spec.single_instance;
  return catalog_->add_table_function(std::move(def));
}

Status Engine::register_function(std::string name, CoProcessFunctionSpec spec) {
  if (!spec.make) return Error{Error::Kind::Plan, "process function '" + name + "' has no make"};
  return catalog_->add_table_function(table_function<KeyedCoProcessFunction>(
      name, 2, std::move(spec.output), std::move(spec.arguments), std::move(spec.make)));
}

}  // namespace eddy
