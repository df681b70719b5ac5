// Engine::register_function: the embedder's scalar functions, kept in the engine's catalog;
// Engine::functions and Engine::completions, what a shell shows of them and of the catalog.
#include <algorithm>
#include <memory>

#include "eddy/engine.h"
#include "parser/parser.h"
#include "planner/catalog.h"
#include "planner/function_list.h"
#include "planner/functions.h"
#include "runtime/suggest.h"

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

std::vector<FunctionInfo> Engine::functions() const {
  std::vector<FunctionInfo> out;
  for (auto& fn : list_functions(*catalog_))
    out.push_back({std::move(fn.name), std::move(fn.kind), std::move(fn.usage)});
  return out;
}

std::vector<std::string> Engine::completions(std::string_view prefix) const {
  std::vector<std::string> words;
  auto consider = [&](const std::string& word) {
    if (word.size() >= prefix.size() &&
        iequals(std::string_view(word).substr(0, prefix.size()), prefix))
      words.push_back(word);
  };
  for (const std::string& keyword : keyword_names()) consider(keyword);
  for (const FunctionListing& fn : list_functions(*catalog_)) consider(fn.name);
  for (const StreamDef* stream : catalog_->streams()) {
    consider(stream->name);
    for (const Field& field : stream->schema.fields) consider(field.name);
  }
  for (const ViewDef* view : catalog_->views()) {
    consider(view->name);
    for (const Field& field : view->schema.fields) consider(field.name);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

}  // namespace eddy
