// "Did you mean ...?" for unknown names: the closest candidate by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eddy {

// Case-insensitive Levenshtein distance, in characters (UTF-8 code points).
size_t edit_distance(std::string_view a, std::string_view b);
// " (did you mean 'x'?)" for the closest candidate within a third of the name's length (at least
// 2 edits), or "" when nothing is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);
// Case-insensitive equality, and case mapping of UTF-8 text, for names (identifiers, option
// keys, units). They fold the letters LOWER / UPPER map (ASCII, Latin-1, Latin Extended-A,
// Greek, Cyrillic: expr/unicode_case.h), so `Über` and `über` are one name, as
// LOWER('Über') = LOWER('über').
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

}  // namespace eddy
