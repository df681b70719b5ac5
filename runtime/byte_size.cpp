#include "runtime/byte_size.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

namespace eddy {

std::optional<uint64_t> parse_byte_size(std::string_view text) {
  size_t i = 0;
  uint64_t n = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (n > (UINT64_MAX - 9) / 10) return std::nullopt;
    n = n * 10 + uint64_t(text[i] - '0');
  }
  if (i == 0) return std::nullopt;
  while (i < text.size() && text[i] == ' ') ++i;
  std::string unit;
  for (; i < text.size(); ++i) unit += char(std::tolower(static_cast<unsigned char>(text[i])));
  static const std::array<std::pair<const char*, int>, 5> kUnits = {
      {{"", 0}, {"k", 10}, {"m", 20}, {"g", 30}, {"t", 40}}};
  for (const auto& [prefix, shift] : kUnits) {
    const std::string p = prefix;
    if (unit == p || unit == p + "b" || (!p.empty() && unit == p + "ib") ||
        (p.empty() && unit == "bytes")) {
      if (shift > 0 && n > (uint64_t(INT64_MAX) >> shift)) return std::nullopt;
      return n << shift;
    }
  }
  return std::nullopt;
}

uint64_t state_max_bytes(const std::string& setting) {
  if (setting != "auto") return parse_byte_size(setting).value_or(0);
  uint64_t memory = uint64_t(sysconf(_SC_PHYS_PAGES)) * uint64_t(sysconf(_SC_PAGE_SIZE));
  // In a container the cgroup's limit is what the OOM killer enforces ("max" when unlimited).
  for (const char* path :
       {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream file(path);
    uint64_t limit = 0;
    if (file >> limit && limit > 0) memory = std::min(memory, limit);
  }
  return memory / 2;
}

std::string format_byte_size(uint64_t bytes) {
  static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = double(bytes) / 1024;
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) value /= 1024, ++unit;
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

}  // namespace eddy
