// Fuzzes the SQL front end: parser, binder and planner, through the public API. The input is a
// script; every statement runs on an engine whose catalog already holds a few streams of every
// type, except that queries are planned, not run: each SELECT / INSERT is executed as
// `EXPLAIN <statement>`, which builds the whole physical plan without opening a connector (so a
// fuzzed INSERT can never write a file). Any error is fine; a crash, a hang, a leak or undefined
// behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/engine.h"

namespace {

constexpr std::string_view kFixture = R"sql(
CREATE STREAM logins (uid STRING, status STRING, ip STRING, n INT, amount DECIMAL(10, 2),
  ratio DOUBLE, ok BOOLEAN, day DATE, at TIME, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv');
CREATE STREAM events (id BIGINT, kind STRING, payload STRING, ts TIMESTAMP(3),
  pt AS PROCTIME(), WATERMARK FOR ts AS ts)
  WITH ('connector' = 'datagen', 'number-of-rows' = '100');
CREATE STREAM pushed (k STRING, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
  WITH ('connector' = 'embedded');
CREATE STREAM changes (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED)
  WITH ('connector' = 'file', 'path' = 'changes.json', 'format' = 'debezium-json');
CREATE TABLE out_csv (uid STRING, n BIGINT)
  WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv');
CREATE VIEW fails AS SELECT uid, ts FROM logins WHERE status = 'fail';
)sql";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  eddy::Engine engine;
  if (!engine.execute(kFixture)) __builtin_trap();  // the fixture itself must always work
  auto statements = engine.parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!statements) return 0;
  for (const auto& statement : statements.value()) {
    if (!statement.is_query) {
      (void)engine.execute(statement);
      continue;
    }
    auto explain = engine.parse("EXPLAIN " + statement.text);
    if (!explain) continue;
    for (const auto& planned : explain.value()) (void)engine.execute(planned);
  }
  return 0;
}
