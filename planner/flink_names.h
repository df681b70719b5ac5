// Names in the Flink SQL that `eddy --to-flink` writes (planner/flink_translate.h,
// docs/flink.md). eddy's unquoted names match in any case (`UID` finds the column `uid`); Flink's
// names are case-sensitive, and Flink reserves many words eddy takes as names (`value`,
// `timestamp`, `user`, ...). FlinkNames respells every name of a statement as its declaration
// spells it, and quotes it with backticks when Flink reserves the word or it is not a plain
// identifier, so that a script that runs on eddy runs on Flink.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/error.h"
#include "parser/ast.h"
#include "planner/catalog.h"

namespace eddy {

// Whether Flink's SQL parser reserves `word` (any case): such a name must be quoted.
bool flink_reserved(std::string_view word);

// `name` as a Flink identifier: as it is when plain and not reserved, else in backticks.
std::string flink_identifier(const std::string& name);

class FlinkNames {
 public:
  // Resolves every name of `statement` against the declarations it can refer to: the columns of
  // the streams it reads (through views too), the aliases of those views and of the statement,
  // the window table functions' columns, the streams and views of `catalog`. Fails when an
  // unquoted name matches declarations spelled differently and nothing tells them apart.
  static Result<FlinkNames> of(const ast::Statement& statement, const Catalog& catalog);

  // `text`, a piece of the statement's source that starts at `start`, with each of the
  // statement's names in it written for Flink.
  std::string respell(const std::string& text, ast::Pos start) const;
  // One of the statement's names written for Flink, and its declared spelling (unquoted).
  std::string name(const ast::Name& name) const;
  std::string spelling(const ast::Name& name) const;

 private:
  struct Use {
    ast::Pos pos;
    std::string spelling;  // as declared
    std::string flink;     // spelling, quoted when it must be
  };
  const Use* find(const ast::Pos& pos) const;

  std::vector<Use> uses_;  // by position
  friend class FlinkNameResolver;
};

}  // namespace eddy
