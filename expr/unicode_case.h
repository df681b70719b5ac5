// Simple (one code point to one code point) case mapping and the UTF-8 coding it needs, shared by
// LOWER / UPPER / INITCAP and by case-insensitive name matching (runtime/suggest.h), so that SQL
// functions and identifiers agree on which letters are the same letter.
//
// Covered: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic, the scripts whose simple case
// pairs keep their UTF-8 length; other characters map to themselves (full Unicode case mapping,
// such as 'ß' -> "SS", is out of scope).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace eddy::expr {

uint32_t to_lower_cp(uint32_t c);
uint32_t to_upper_cp(uint32_t c);

// The code point at byte `pos` of `s` and its length in bytes (1 for a stray byte, cut short at
// the end of `s`).
uint32_t utf8_decode(std::string_view s, size_t pos, size_t& len);
// Appends the UTF-8 encoding of `cp`.
void utf8_encode(uint32_t cp, std::string& out);

// `s` with every character case-mapped; the result has the same length in bytes (a character
// whose mapping would not keep its length, or a malformed byte, is kept as it is).
std::string utf8_lower(std::string_view s);
std::string utf8_upper(std::string_view s);

}  // namespace eddy::expr
