// The per-connector entry points behind connectors/registry.cpp. Options reaching these have
// been validated by validate_connector (the registry runs it again before opening), so the
// factories read them without re-checking.
#pragma once

#include <memory>
#include <string>

#include "connectors/connector.h"
#include "connectors/text_source.h"

namespace eddy {

// 'format' and the csv./json. options of a file or stdin stream.
TextFormatOptions text_format_options(const ConnectorContext& context);

Result<std::unique_ptr<Source>> open_file_source(const ConnectorContext& context);
Result<std::unique_ptr<Source>> open_stdin_source(const ConnectorContext& context);
Result<std::unique_ptr<Source>> open_datagen_source(const ConnectorContext& context);
Result<std::unique_ptr<Source>> open_nexmark_source(const ConnectorContext& context);
Result<std::unique_ptr<Source>> open_embedded_source(const ConnectorContext& context);
Result<std::unique_ptr<Source>> open_kafka_source(const ConnectorContext& context);

Result<std::unique_ptr<Sink>> open_file_sink(const ConnectorContext& context);
Result<std::unique_ptr<Sink>> open_print_sink(const ConnectorContext& context);
Result<std::unique_ptr<Sink>> open_blackhole_sink(const ConnectorContext& context);
Result<std::unique_ptr<Sink>> open_sqlite_sink(const ConnectorContext& context);
Result<std::unique_ptr<Sink>> open_kafka_sink(const ConnectorContext& context);  // and upsert-kafka

// datagen's per-column keys ('fields.<col>.<property>') depend on the schema, so it checks them
// itself; the registry checks the fixed keys.
bool is_datagen_field_key(const std::string& key);
Status validate_datagen(const ConnectorContext& context);
// nexmark's columns must be fields of its 'nexmark.table'; it checks them and its ranges.
Status validate_nexmark(const ConnectorContext& context);

// Value checks shared by the registry and the connectors. Each returns "" when `value` is fine,
// else what is wrong with it ("expected 'true' or 'false'").
std::string check_bool(const std::string& value);
std::string check_char(const std::string& value);  // one character; "\t" spelled either way
bool option_true(const ConnectorContext& context, const std::string& key);
// The single character of a validated one-char option ('\t' for the two chars backslash-t).
char option_char(const ConnectorContext& context, const std::string& key, char fallback);

// A Bind error "stream 'x': message" (option problems surface at CREATE STREAM).
Error option_error(const ConnectorContext& context, const std::string& message,
                   const std::string& key = "");
// A generating source's checkpointed position, `offset` of its `total` rows whose state decoded
// (`well_formed`): ok, or a runtime error naming the stream (or, without one, the connector).
Status check_generated_position(const std::string& connector, const std::string& stream,
                                bool well_formed, uint64_t offset, uint64_t total);

}  // namespace eddy
