#include <cstdio>
#include <fstream>
#include <sstream>
#include <gtest/gtest.h>
#include "parser/parser.h"
namespace eddy {
TEST(Probe, Print) {
  std::ifstream in("/tmp/probe.sql");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto r = parse_script(line);
    if (r) std::printf("OK    %s\n", line.c_str());
    else std::printf("ERR   %s\n      %d:%d %s\n%s\n", line.c_str(), r.error().line, r.error().column, r.error().message.c_str(), r.error().snippet.c_str());
  }
}
}
