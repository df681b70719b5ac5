// The file and stdin connectors as sources: both are the text source of text_source.h, over a
// file opened here or over descriptor 0. Data errors name the path, or "<stdin>".
#include <unistd.h>

#include <fmt/format.h>

#include "connectors/factories.h"

namespace eddy {

Result<std::unique_ptr<Source>> open_file_source(const ConnectorContext& context) {
  return open_text_file_source(context.schema, context.option("path", ""),
                               text_format_options(context), context.cancel);
}

Result<std::unique_ptr<Source>> open_stdin_source(const ConnectorContext& context) {
  const TextFormatOptions options = text_format_options(context);
  return make_text_source(context.schema, STDIN_FILENO, false, "<stdin>",
                          fmt::format("stdin ({})", format_label(options)), options, context.cancel,
                          false, context.wait);
}

}  // namespace eddy
