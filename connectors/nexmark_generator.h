// The Nexmark event generator (nexmark-flink's GeneratorConfig, PersonGenerator,
// AuctionGenerator, BidGenerator), rewritten for column batches.
//
// The generator is one sequence of events numbered 0, 1, 2, ...: in every epoch of
// `person + auction + bid` events (1 + 3 + 46 by default) the first are people, then auctions,
// then bids. Event n happens at base_time + n * 1000 / event_rate ms. Its fields depend only on
// (seed, n): each event draws from its own random stream seeded by both, so a stream of one kind
// jumps straight to the event numbers of its kind and the person, auction and bid streams of one
// configuration are the same generator run (a bid's auction and bidder are ids the other streams
// produce, as in the reference).
//
// Ids and hot keys follow the reference: person ids from 1000 and auction ids from 1000, one per
// person (auction) event; a bid is for a "hot" auction (the first of the latest 100 auctions)
// with probability 1 - 1/hot_auction_ratio, otherwise for one of the last 100 in-flight auctions
// or up to 10 not yet created; a bidder is hot (the second of the latest 100 people) with
// probability 1 - 1/hot_bidders_ratio, otherwise one of the last 1000 active people or up to 10
// not yet created; sellers likewise (the first of the latest 100 people, 1 - 1/hot_sellers_ratio).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "eddy/types.h"
#include "runtime/batch.h"

namespace eddy::nexmark {

enum class Kind { Person = 0, Auction = 1, Bid = 2 };

inline constexpr int64_t kFirstPersonId = 1000;
inline constexpr int64_t kFirstAuctionId = 1000;
inline constexpr int64_t kFirstCategoryId = 10;
inline constexpr int kNumCategories = 5;
inline constexpr int kHotRange = 100;  // HOT_AUCTION_RATIO / HOT_BIDDER / HOT_SELLER
inline constexpr int kIdLead = 10;     // PERSON_ID_LEAD, AUCTION_ID_LEAD
inline constexpr int kNumInFlightAuctions = 100;
inline constexpr int kNumActivePeople = 1000;
inline constexpr int kChannels = 10'000;  // CHANNELS_NUMBER
inline constexpr int kHotChannelsRatio = 2;

struct Config {
  Kind kind = Kind::Bid;
  uint64_t events = UINT64_MAX;   // generator events (all kinds); UINT64_MAX: unbounded
  int64_t event_rate = 10'000;    // events per second of event time
  int64_t events_per_second = 0;  // wall-clock pacing of the generator; 0: as fast as asked
  int64_t seed = 0;
  Timestamp base_time = 0;  // event 0's dateTime
  int64_t person_proportion = 1, auction_proportion = 3, bid_proportion = 46;
  int64_t hot_auction_ratio = 2, hot_bidders_ratio = 4, hot_sellers_ratio = 4;
  int64_t person_avg_size = 200, auction_avg_size = 500, bid_avg_size = 100;

  int64_t total_proportion() const {
    return person_proportion + auction_proportion + bid_proportion;
  }
};

// The id space (base 0, before kFirstPersonId / kFirstAuctionId): the id of the latest person
// (auction) at event n, which is n's own id when n is a person (auction).
int64_t last_base0_person_id(const Config& config, uint64_t event);
int64_t last_base0_auction_id(const Config& config, uint64_t event);
Timestamp timestamp_for_event(const Config& config, uint64_t event);
// The event number of the k-th (0-based) event of `kind`, and how many of the first n events
// are of `kind`.
uint64_t event_of_kind(const Config& config, Kind kind, uint64_t k);
uint64_t count_of_kind(const Config& config, Kind kind, uint64_t n);

// The fields of each kind, in the reference's order, with their types.
struct FieldSpec {
  const char* name;
  Type type;
};
const std::vector<FieldSpec>& fields_of(Kind kind);
const char* kind_name(Kind kind);

// Generates rows of one kind into the columns of a batch. The columns are chosen by field
// index (fields_of(kind)); a field no column asks for is still drawn (so values never depend on
// which columns are read) but not written.
class Generator {
 public:
  // `column_field[c]`: the field index of batch column c; -1: a column nobody reads, left at
  // zero values (its field is not computed).
  Generator(const Config& config, std::vector<int> column_field);

  // Appends the rows of the kind's events k .. k + n - 1 to `out`.
  void generate(Batch& out, uint64_t k, size_t n);

 private:
  void person_rows(size_t n, uint64_t k);
  void auction_rows(size_t n, uint64_t k);
  void bid_rows(size_t n, uint64_t k);
  void build_pool();
  void build_channels();
  std::string_view extra(uint64_t bits, int64_t current_size, int64_t average_size);

  Config config_;
  std::vector<int> column_field_;
  uint64_t seed_key_;
  // Per field, where this call writes: ints or strings of the output column (null: not read).
  std::vector<int64_t*> ints_;
  std::vector<std::string_view*> strings_;
  Arena* arena_ = nullptr;  // the first string column's arena, for per-row strings

  // Strings shared by every batch, kept alive by the columns that point into them: a pool of
  // random letters the `extra` fields are windows of, and the bid channels and their urls.
  std::shared_ptr<Arena> shared_;
  std::string_view pool_;
  size_t max_extra_ = 0;
  // kChannels, then the 4 hot ones; name and url side by side: a bid's random channel costs one
  // cache miss, not two.
  struct Channel {
    std::string_view name, url;
  };
  std::vector<Channel> channels_;
};

}  // namespace eddy::nexmark
