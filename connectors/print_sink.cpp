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
#include "runtime/row_text_writer.h"

namespace eddy {

namespace {

class PrintSink final : public Sink {
 public:
  PrintSink(std::FILE* out, const std::string& identifier)
      : out_(out), writer_(RowTextWriter::changelog(identifier.empty() ? "" : identifier + "> ")) {}

  void write(const Batch& batch) override {
    text_.clear();
    writer_.append_rows(text_, batch, 0, batch.size());
    if (text_.empty()) return;
    if (std::fwrite(text_.data(), 1, text_.size(), out_) != text_.size() ||
        std::fflush(out_) != 0) {
      fail(Error::Kind::Io, "print: cannot write: {}", std::strerror(errno));
    }
  }

  void flush() override { std::fflush(out_); }
  std::string describe() const override { return "print"; }

 private:
  std::FILE* out_;
  RowTextWriter writer_;
  std::string text_;  // reused across batches
};

}  // namespace

Result<std::unique_ptr<Sink>> open_print_sink(const ConnectorContext& context) {
  std::FILE* out = option_true(context, "standard-error") ? stderr : context.print_output;
  if (!out) out = stdout;
  return std::unique_ptr<Sink>(
      std::make_unique<PrintSink>(out, context.option("print-identifier", "")));
}

}  // namespace eddy
