// The print connector: every row of every batch as Flink's print sink shows it,
// "+I[1, alice, 2024-01-01 10:00:00.000]", prefixed by "identifier> " when 'print-identifier' is
// set. Cells are spelled as Flink's Row.toString does (null, true). Output is
// flushed after each batch so a continuous query shows rows as they come; like all stdout
// output it is at-least-once across a restore.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "connectors/factories.h"
#include "runtime/failure.h"
#include "runtime/text_format.h"

namespace eddy {

namespace {

class PrintSink final : public Sink {
 public:
  PrintSink(std::FILE* out, std::string identifier)
      : out_(out), prefix_(identifier.empty() ? "" : identifier + "> ") {}

  void write(const Batch& batch) override {
    line_.clear();
    for (size_t row = 0; row < batch.size(); ++row) {
      line_ += prefix_;
      line_ += row_kind_symbol(batch.kind(row));
      line_ += '[';
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) line_ += ", ";
        append_changelog_text(line_, batch.columns[c], row);
      }
      line_ += "]\n";
    }
    if (line_.empty()) return;
    if (std::fwrite(line_.data(), 1, line_.size(), out_) != line_.size() ||
        std::fflush(out_) != 0) {
      fail(Error::Kind::Io, "print: cannot write: {}", std::strerror(errno));
    }
  }

  void flush() override { std::fflush(out_); }
  std::string describe() const override { return "print"; }

 private:
  std::FILE* out_;
  std::string prefix_;
  std::string line_;  // reused across batches
};

}  // namespace

Result<std::unique_ptr<Sink>> open_print_sink(const ConnectorContext& context) {
  std::FILE* out = option_true(context, "standard-error") ? stderr : context.print_output;
  if (!out) out = stdout;
  return std::unique_ptr<Sink>(
      std::make_unique<PrintSink>(out, context.option("print-identifier", "")));
}

}  // namespace eddy
