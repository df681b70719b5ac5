// Fuzzes the text sources: the csv, jsonl and debezium-json decoders behind the `file` and
// `stdin` connectors, read through the same block-wise TextSource a query uses, then every
// decoded value written back as csv, JSON and display text. The first two bytes choose the
// format and its options and the read-block size (small blocks make records cross block
// boundaries); the rest is the file. Data errors are expected; a crash, a hang, a leak or
// undefined behaviour is a finding.
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "connectors/text_source.h"
#include "runtime/failure.h"
#include "runtime/text_format.h"

namespace {

eddy::Schema fuzz_schema() {
  using eddy::Type;
  eddy::Schema schema;
  schema.fields = {{"id", Type::int64()},      {"name", Type::string()},
                   {"n", Type::int32()},       {"amount", Type::decimal(10, 2)},
                   {"ratio", Type::float64()}, {"ok", Type::boolean()},
                   {"ts", Type::timestamp()},  {"day", Type::date()},
                   {"at", Type::time(3)},      {"span", Type::interval()}};
  return schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t how = data[0], block = data[1];
  data += 2, size -= 2;

  eddy::TextFormatOptions options;
  switch (how % 3) {
    case 0:
      options.format = eddy::TextFormatOptions::Format::Csv;
      break;
    case 1:
      options.format = eddy::TextFormatOptions::Format::Jsonl;
      break;
    default:
      options.format = eddy::TextFormatOptions::Format::DebeziumJson;
      break;
  }
  const bool debezium = options.format == eddy::TextFormatOptions::Format::DebeziumJson;
  options.changelog = !debezium && (how & 4);
  options.schema_include = debezium && (how & 4);
  options.header = how & 8;
  options.delimiter = (how & 16) ? ';' : ',';
  if (how & 32) options.null_literal = "\\N";
  options.ignore_parse_errors = how & 64;
  options.fail_on_missing_field = how & 128;
  options.block_size = 1 + block * 4;

  // The file, as a file descriptor the source reads like any other.
  const int fd = memfd_create("fuzz", 0);
  if (fd < 0) return 0;
  for (size_t done = 0; done < size;) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) {
      close(fd);
      return 0;
    }
    done += size_t(n);
  }
  lseek(fd, 0, SEEK_SET);

  const eddy::Schema schema = fuzz_schema();
  std::atomic<bool> cancel{false};
  auto source =
      eddy::make_text_source(schema, fd, /*own_fd=*/true, "fuzz.txt", "fuzz", options, &cancel);
  std::string text;
  try {
    for (int pulls = 0; pulls < 100000; ++pulls) {
      eddy::Batch batch = eddy::Batch::with_schema(schema);
      const eddy::SourceStatus status = source->next(batch, 7);
      for (const auto& column : batch.columns)
        for (size_t row = 0; row < batch.size(); ++row) {
          text.clear();
          eddy::append_csv_value(text, column, row);
          eddy::append_json_value(text, column, row);
          eddy::append_display_text(text, column, row);
        }
      if (status == eddy::SourceStatus::End) break;
    }
  } catch (const eddy::Failure&) {
    // A data error: the expected outcome of most inputs.
  }
  return 0;
}
