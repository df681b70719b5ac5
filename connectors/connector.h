// Sources and sinks. A connector is chosen by the stream's 'connector' option; its other WITH
// options are validated when the stream is created and used when a query opens it.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eddy/clock.h"
#include "eddy/error.h"
#include "eddy/types.h"
#include "runtime/batch.h"
#include "runtime/source.h"

namespace eddy {

class EmbeddedStream;

// Everything a connector needs to open: the stream's physical columns, its WITH options (keys
// lower-cased), and the query's clock, cancel flag and print destination.
struct ConnectorContext {
  std::string stream;  // stream name, for messages
  Schema schema;
  std::map<std::string, std::string> options;
  // Per column of `schema`: the connector metadata it holds ('partition', 'offset', 'timestamp',
  // from METADATA FROM 'key'), or "" for data; empty when no column is metadata.
  std::vector<std::string> metadata;
  // The stream's PRIMARY KEY: indices into `schema`, in key order; empty without one.
  std::vector<int> primary_key;
  const Clock* clock = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  std::FILE* print_output = stdout;
  // How long a source may block, and the driver's wakeup (runtime/source.h); nullptr outside a
  // query (a source then blocks up to its own limit).
  SourceWait* wait = nullptr;
  // The rows pushed from code into a stream WITH ('connector' = 'embedded'), shared by the
  // engine's Input handles and every query reading the stream (connectors/embedded_stream.h).
  std::shared_ptr<EmbeddedStream> embedded;
  // Opening for a query resumed from a checkpoint: a sink keeps what it wrote before (the file
  // sink neither truncates nor writes its csv header again) and Sink::rollback() decides where
  // the output continues.
  bool resume = false;
  // Where CREATE STREAM wrote each option (line, column), so that an error about one points at
  // it; empty when the options come from elsewhere.
  std::map<std::string, std::pair<int, int>> option_positions;
  // A stream with a WATERMARK: evaluates its expression (after the computed columns) over rows
  // of `schema`, for a source that keeps a watermark per partition (Source::row_watermarks);
  // empty without a watermark or outside a query.
  std::function<void(const Batch& rows, Column& out)> watermark_candidates;
  // 'source.idle-timeout' in milliseconds (0: none): a source with partitions lets a quiet one
  // stop holding back its watermark after this long.
  int64_t idle_timeout_ms = 0;
  // 'parallelism': threads a file source decodes on (connectors/parallel_text_reader.h).
  size_t parallelism = 1;
  // Per column of `schema`: whether the query reads it (column pruning); empty: every column.
  // A source may leave a column nobody reads at its zero value (a generator then skips it).
  std::vector<bool> read_columns;
  // The option's value, or `fallback` (a copy: a reference could outlive a temporary fallback).
  std::string option(const std::string& key, const std::string& fallback) const;
};

// Checks the 'connector' option and every other option key/value (unknown keys are errors, with
// a did-you-mean). `as_sink` selects which direction is being validated.
Status validate_connector(const ConnectorContext& context, bool as_sink);
Result<std::unique_ptr<Source>> open_source(const ConnectorContext& context);
// True when reading the stream yields row kinds (an updating stream): 'format' =
// 'debezium-json', or 'source.changelog-mode' = 'all' (which defaults to 'sink.changelog-mode').
bool source_is_changelog(const ConnectorContext& context);
// True when the sink writes every row kind (print, blackhole, sqlite, 'sink.changelog-mode' =
// 'all', 'format' = 'debezium-json'), so an updating query may be inserted into it.
bool sink_takes_changelog(const ConnectorContext& context);
Result<std::unique_ptr<Sink>> open_sink(const ConnectorContext& context);
// True when a source with these WITH options (keys lower-cased) always ends: a file, a datagen
// with 'number-of-rows'. Sorting other than by time needs every input bounded.
bool bounded_source(const std::map<std::string, std::string>& options);
// True for 'connector' = 'embedded': the stream gets its rows from code (Engine::input).
bool embedded_source(const std::map<std::string, std::string>& options);

}  // namespace eddy
