#include "runtime/byte_size.h"

#include <gtest/gtest.h>

namespace eddy {
namespace {

TEST(ByteSize, ParsesBinaryUnitsAsFlinkDoes) {
  EXPECT_EQ(parse_byte_size("0"), 0u);
  EXPECT_EQ(parse_byte_size("1048576"), 1048576u);
  EXPECT_EQ(parse_byte_size("100 bytes"), 100u);
  EXPECT_EQ(parse_byte_size("512b"), 512u);
  EXPECT_EQ(parse_byte_size("1 KB"), 1024u);
  EXPECT_EQ(parse_byte_size("1k"), 1024u);
  EXPECT_EQ(parse_byte_size("2 MiB"), 2u << 20);
  EXPECT_EQ(parse_byte_size("512 mb"), 512u << 20);
  EXPECT_EQ(parse_byte_size("2 GB"), uint64_t(2) << 30);
  EXPECT_EQ(parse_byte_size("3T"), uint64_t(3) << 40);
}

TEST(ByteSize, RejectsWhatIsNotASize) {
  for (const char* text : {"", "MB", "-1 MB", "1.5 GB", "2 parsecs", "1 GB extra", " 1 GB",
                           "99999999999999999999", "9000000 TB"})
    EXPECT_FALSE(parse_byte_size(text).has_value()) << text;
}

TEST(ByteSize, FormatsForMessages) {
  EXPECT_EQ(format_byte_size(900), "900 B");
  EXPECT_EQ(format_byte_size(1024), "1.0 KiB");
  EXPECT_EQ(format_byte_size(1536 << 10), "1.5 MiB");
  EXPECT_EQ(format_byte_size(uint64_t(3) << 30), "3.0 GiB");
}

TEST(ByteSize, StateBudgetSetting) {
  EXPECT_EQ(state_max_bytes("0"), 0u);
  EXPECT_EQ(state_max_bytes("1 MB"), 1u << 20);
  // 'auto': half of some machine's memory, so at least a few MB and below 2^63.
  EXPECT_GT(state_max_bytes("auto"), uint64_t(4) << 20);
}

}  // namespace
}  // namespace eddy
