// Table function calls in FROM: the window table functions (TUMBLE, HOP, CUMULATE, SESSION),
// whose arguments are checked here and which become WindowAssign / SessionWindow nodes, and the
// functions registered with the engine (planner/functions.h), which become TableFunction nodes.
#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/nodes/session_window.h"
#include "planner/nodes/table_function.h"
#include "planner/plan.h"
#include "runtime/failure.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

using ArgKind = ast::TableArgument::Kind;

// The window table functions and the interval arguments each takes after DESCRIPTOR(...).
struct WindowShape {
  std::string_view name;
  size_t min_args, max_args;
  std::string_view signature;
};
constexpr WindowShape kWindowShapes[] = {
    {"TUMBLE", 1, 2, "TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])"},
    {"HOP", 2, 3, "HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])"},
    {"CUMULATE", 2, 3, "CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])"},
    {"SESSION", 1, 1, "SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)"},
};

const WindowShape* find_window_shape(const std::string& name) {
  const std::string upper = to_upper(name);
  for (const auto& shape : kWindowShapes) {
    if (shape.name == upper) return &shape;
  }
  return nullptr;
}

// TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), ...)) and HOP / CUMULATE / SESSION.
Result<PlanPtr> bind_window_function(const ast::TableFunction& call, const WindowShape& shape,
                                     const RelationBinder& bind_relation) {
  const std::string function(shape.name);
  const auto& args = call.args;
  if (args.empty() || args[0].kind != ArgKind::Table)
    return bind_error(args.empty() ? call.end : args[0].pos,
                      fmt::format("{} takes TABLE t first: {}", function, shape.signature));
  const ast::TableArgument& table = args[0];
  if (table.partition_pos.line > 0 && function != "SESSION")
    return bind_error(table.partition_pos, fmt::format("{} windows take no PARTITION BY: {}",
                                                       function, shape.signature));
  if (args.size() < 2 || args[1].kind != ArgKind::Descriptor || args[1].columns.size() != 1)
    return bind_error(args.size() < 2 ? call.end : args[1].pos,
                      fmt::format("{} takes DESCRIPTOR(time column) after the table: {}", function,
                                  shape.signature));
  std::vector<const ast::Expr*> intervals;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i].kind != ArgKind::Expr)
      return bind_error(args[i].pos, fmt::format("{} takes intervals after DESCRIPTOR(...): {}",
                                                 function, shape.signature));
    intervals.push_back(args[i].expr.get());
  }
  if (intervals.size() < shape.min_args)
    return bind_error(call.end, fmt::format("{} needs {} after DESCRIPTOR(...): {}", function,
                                            shape.min_args == 1 ? "an interval" : "two intervals",
                                            shape.signature));
  if (intervals.size() > shape.max_args)
    return bind_error(args[2 + shape.max_args].pos,
                      fmt::format("too many arguments to {}: {}", function, shape.signature));

  auto input = bind_relation(table.table);
  if (!input) return input;
  const ast::Name& time_column = args[1].columns[0];
  const int time = input.value()->schema.find(time_column.text);
  auto node =
      window_assign(std::move(input.value()), function, time, time_column, intervals, call.pos);
  if (!node || !node.value()->as<SessionWindowNode>()) return node;
  auto& session = *node.value()->as<SessionWindowNode>();
  const Schema& schema = session.inputs[0]->schema;
  for (const auto& name : table.partition_by) {
    int column = schema.find(name.text);
    if (column < 0)
      return bind_error(name.pos, fmt::format("unknown column '{}' in PARTITION BY", name.text));
    session.partition_by.push_back(column);
  }
  return node;
}

// "name(TABLE t PARTITION BY k, INTERVAL, BIGINT)", for error messages.
std::string usage(const TableFunctionDef& def) {
  std::string s =
      def.name + (def.tables == 1 ? "(TABLE t PARTITION BY k"
                                  : "(TABLE t1 PARTITION BY k, TABLE t2 PARTITION BY k");
  for (const Type& param : def.params) s += ", " + param.to_string();
  return s + ")";
}

// A constant argument of a registered table function (argument `number` of the call, counted
// from 1 with the TABLE arguments), converted to its parameter type.
Result<Value> constant_argument(const TableFunctionDef& def, const ast::TableArgument& arg,
                                size_t number, Type param) {
  auto bound = bind_expr(*arg.expr, Scope{});
  if (!bound) return bound.error();
  if (!bound.value()->is_constant())
    return bind_error(arg.pos, fmt::format("{}: argument {} must be a constant", def.name, number));
  const Type from = bound.value()->type();
  const std::optional<Type> common = common_super_type(from, param);
  if (!(from == param) && (!common || !(*common == param)))
    return bind_error(
        arg.pos, fmt::format("{}: argument {} must be {}, got {} (usage: {})", def.name, number,
                             param.to_string(), from.to_string(), usage(def)));
  ExprPtr expr = std::move(bound.value());
  if (!(from == param)) {
    auto cast = make_cast(std::move(expr), param, false);
    if (!cast) return bind_error(arg.pos, cast.error().message);
    expr = std::move(cast.value());
  }
  try {
    return eval_constant(*expr);
  } catch (const Failure& failure) {
    return bind_error(arg.pos, failure.error().message);
  }
}

// name(TABLE a PARTITION BY k [, TABLE b PARTITION BY k] [, constant, ...]) of a function
// registered with the engine: its TABLE arguments first (as many as it takes, each with a
// PARTITION BY, the keys of equal number and types), then its constant arguments.
Result<PlanPtr> bind_registered(const ast::TableFunction& call,
                                std::shared_ptr<const TableFunctionDef> def,
                                const RelationBinder& bind_relation) {
  const auto& args = call.args;
  const size_t tables = size_t(def->tables);
  size_t given_tables = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].kind == ArgKind::Descriptor)
      return bind_error(args[i].pos,
                        fmt::format("{} takes no DESCRIPTOR (usage: {})", def->name, usage(*def)));
    if (args[i].kind != ArgKind::Table) continue;
    if (i != given_tables)
      return bind_error(args[i].pos, fmt::format("{}: TABLE arguments come first (usage: {})",
                                                 def->name, usage(*def)));
    ++given_tables;
  }
  if (given_tables != tables) {
    const ast::Pos at = given_tables > tables        ? args[tables].pos
                        : given_tables < args.size() ? args[given_tables].pos
                                                     : call.end;
    return bind_error(at, fmt::format("{} takes {} TABLE argument{}, got {} (usage: {})", def->name,
                                      tables, tables == 1 ? "" : "s", given_tables, usage(*def)));
  }
  const size_t constants = args.size() - tables;
  if (constants != def->params.size()) {
    const ast::Pos at =
        constants > def->params.size() ? args[tables + def->params.size()].pos : call.end;
    return bind_error(at,
                      fmt::format("{} takes {} argument{} after its TABLE argument{}, got {} "
                                  "(usage: {})",
                                  def->name, def->params.size(), def->params.size() == 1 ? "" : "s",
                                  tables == 1 ? "" : "s", constants, usage(*def)));
  }

  auto node = std::make_unique<TableFunctionNode>();
  node->function = def;
  for (size_t t = 0; t < tables; ++t) {
    const ast::TableArgument& table = args[t];
    if (table.partition_by.empty())
      return bind_error(table.pos,
                        fmt::format("{}: TABLE {} needs PARTITION BY (the function keeps its "
                                    "state per key) (usage: {})",
                                    def->name, table.table.text, usage(*def)));
    auto input = bind_relation(table.table);
    if (!input) return input;
    const Schema& schema = input.value()->schema;
    if (input.value()->updating)
      return bind_error(table.table.pos,
                        fmt::format("{} needs an append-only input, and '{}' is updating (it has "
                                    "-U/+U/-D rows, e.g. from a changelog stream or a GROUP BY)",
                                    def->name, table.table.text));
    std::vector<int> keys;
    for (const auto& name : table.partition_by) {
      const int column = schema.find(name.text);
      if (column < 0) {
        std::vector<std::string> names;
        for (const auto& field : schema.fields) names.push_back(field.name);
        return bind_error(name.pos, fmt::format("unknown column '{}' in PARTITION BY{}", name.text,
                                                did_you_mean(name.text, names)));
      }
      keys.push_back(column);
    }
    if (t > 0) {
      const std::vector<int>& first = node->partition_by[0];
      const Schema& first_schema = node->inputs[0]->schema;
      if (keys.size() != first.size())
        return bind_error(table.partition_pos,
                          fmt::format("{}: the tables must be partitioned by as many columns "
                                      "({} has {}, {} has {})",
                                      def->name, args[0].table.text, first.size(), table.table.text,
                                      keys.size()));
      for (size_t k = 0; k < keys.size(); ++k) {
        const Type a = first_schema[first[k]].type, b = schema[keys[k]].type;
        if (!(a == b))
          return bind_error(
              table.partition_by[k].pos,
              fmt::format("{}: PARTITION BY column {} is {} in {} but {} in {}", def->name, k + 1,
                          a.to_string(), args[0].table.text, b.to_string(), table.table.text));
      }
    }
    node->partition_by.push_back(std::move(keys));
    node->inputs.push_back(std::move(input.value()));
  }
  for (size_t i = 0; i < def->params.size(); ++i) {
    auto value = constant_argument(*def, args[tables + i], tables + i + 1, def->params[i]);
    if (!value) return value.error();
    node->arguments.push_back(std::move(value.value()));
  }

  // The output: the first input's partition columns, the declared columns, then the rowtime.
  Schema& schema = node->schema;
  for (int column : node->partition_by[0]) {
    const Field& key = node->inputs[0]->schema[column];
    schema.fields.push_back(Field{key.name, key.type, key.nullable});
  }
  for (const Field& field : def->output) schema.fields.push_back(field);
  schema.fields.push_back(Field{"rowtime", Type::timestamp(), false});
  schema.rowtime = int(schema.size()) - 1;
  for (size_t i = 0; i < schema.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (iequals(schema[i].name, schema[j].name))
        return bind_error(call.pos,
                          fmt::format("{}: its output has two columns named '{}' (a partition "
                                      "column, a declared column or rowtime)",
                                      def->name, schema[i].name));
    }
  }
  return PlanPtr(std::move(node));
}

}  // namespace

Result<PlanPtr> bind_table_function(const ast::TableFunction& call, const Catalog& catalog,
                                    const RelationBinder& bind_relation) {
  if (const WindowShape* shape = find_window_shape(call.name.text))
    return bind_window_function(call, *shape, bind_relation);
  if (auto def = catalog.functions().find_table(call.name.text))
    return bind_registered(call, std::move(def), bind_relation);
  if (is_scalar_function(call.name.text) || catalog.functions().find_scalar(call.name.text))
    return bind_error(call.pos,
                      fmt::format("'{}' is a scalar function, not a table function: call it in "
                                  "an expression",
                                  call.name.text));
  std::vector<std::string> names = window_table_function_names();
  for (const auto& name : catalog.functions().table_names()) names.push_back(name);
  return bind_error(call.pos, fmt::format("unknown table function '{}'{}", call.name.text,
                                          did_you_mean(call.name.text, names)));
}

std::string table_function_qualifier(const ast::TableFunction& call) {
  if (find_window_shape(call.name.text) && !call.args.empty() &&
      call.args[0].kind == ArgKind::Table)
    return call.args[0].table.text;
  return call.name.text;
}

std::vector<std::pair<std::string, std::string>> window_table_function_usages() {
  std::vector<std::pair<std::string, std::string>> usages;
  for (const auto& shape : kWindowShapes)
    usages.emplace_back(std::string(shape.name), std::string(shape.signature));
  return usages;
}

std::string table_function_usage(const TableFunctionDef& def) { return usage(def); }

}  // namespace eddy
