// Engine::register_function: the embedder's scalar functions, kept in the engine's catalog.
#include <memory>

#include "eddy/engine.h"
#include "planner/catalog.h"
#include "planner/functions.h"

namespace eddy {

Status Engine::register_function(std::string name, ScalarFunction fn) {
  auto def = std::make_shared<ScalarFunctionDef>();
  def->name = std::move(name);
  def->params = std::move(fn.params);
  def->result = fn.result;
  def->own_nulls = fn.own_nulls;
  def->deterministic = fn.deterministic;
  def->call = std::move(fn.call);
  return catalog_->add_scalar_function(std::move(def));
}

}  // namespace eddy
