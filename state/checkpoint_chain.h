// Incremental chains of one job's checkpoints: a full checkpoint (the base) and the deltas
// after it, each over its parent. Retention, fallback and the next delta's parent all ask which
// checkpoints a chain is made of and whether all of it is undamaged.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace eddy {

// One checkpoint of a job, as far as chains are concerned.
struct ChainLink {
  uint64_t id = 0, parent_id = 0, base_id = 0, bytes = 0;
  std::string damage;
};
using ChainLinks = std::map<uint64_t, ChainLink>;

// The checkpoints an incremental chain is made of, base first; empty when a link is missing.
inline std::vector<const ChainLink*> chain_of(const ChainLinks& links, uint64_t id) {
  std::vector<const ChainLink*> chain;
  for (uint64_t at = id; at != 0;) {
    auto it = links.find(at);
    if (it == links.end()) return {};
    chain.push_back(&it->second);
    at = it->second.parent_id;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

inline bool restorable(const ChainLinks& links, uint64_t id) {
  std::vector<const ChainLink*> chain = chain_of(links, id);
  return !chain.empty() && std::none_of(chain.begin(), chain.end(),
                                        [](const ChainLink* l) { return !l->damage.empty(); });
}

// The job's newest restorable checkpoint, or 0.
inline uint64_t newest_restorable(const ChainLinks& links) {
  for (auto it = links.rbegin(); it != links.rend(); ++it)
    if (restorable(links, it->first)) return it->first;
  return 0;
}

}  // namespace eddy
