// The shell's help: `.help` (commands and topics), `.help TOPIC` (statements, functions, modes,
// editing, paths), `.help COMMAND`, `.help FUNCTION`. `HELP [topic]` typed as a statement is
// the same. Functions come from the engine (Engine::functions), registered ones included.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/engine.h"
#include "eddy/error.h"

namespace eddy::shell {

const std::vector<std::string>& help_topic_names();

// The help for `topic` ("" for the overview); an error naming the topics when nothing matches.
Result<std::string> help_text(const Engine& engine, std::string_view topic);

// `line` is HELP [topic] [;] (any case): the topic ("" for none); nullopt otherwise.
std::optional<std::string> help_statement_topic(std::string_view line);

}  // namespace eddy::shell
