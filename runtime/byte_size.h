// Byte sizes as settings spell them ('512 MB', '2 GB', '1048576'): binary multiples, as Flink's
// MemorySize reads them (1 KB = 1024 bytes), with or without a space and an `i` (KiB).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy {

// Bytes of `text`: digits then an optional unit (B, KB, MB, GB, TB, or K, M, G, T, KiB, ...;
// any case). nullopt when malformed or beyond 2^63.
std::optional<uint64_t> parse_byte_size(std::string_view text);
// The bytes of 'state.max-bytes' = `setting` (validated): 'auto' is half the memory this process
// may use (the machine's, or its cgroup's limit when lower); 0 means no limit.
uint64_t state_max_bytes(const std::string& setting);
// "1.5 GiB", "64.0 MiB", "900 B": for messages.
std::string format_byte_size(uint64_t bytes);

}  // namespace eddy
