// The Nexmark generator: see nexmark_generator.h. Hot loops write straight into the batch's
// column vectors; the only per-row allocation is a bump of an arena for people's and auctions'
// strings, and a bid's strings are views into strings made once per source.
#include "connectors/nexmark_generator.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace eddy::nexmark {

namespace {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniform in [0, n) (Java's Random.nextInt(n)), by Lemire's multiply; n > 0.
inline int64_t next_int(uint64_t& rng, uint64_t n) {
  return static_cast<int64_t>((static_cast<unsigned __int128>(splitmix64(rng)) * n) >> 64);
}

// Uniform in [0, n) from 32 random bits: one 64-bit draw serves two small choices.
inline int64_t bounded(uint32_t bits, uint64_t n) {
  return static_cast<int64_t>((static_cast<uint64_t>(bits) * n) >> 32);
}
inline uint32_t high(uint64_t r) { return static_cast<uint32_t>(r >> 32); }
inline uint32_t low(uint64_t r) { return static_cast<uint32_t>(r); }

inline double next_double(uint64_t& rng) {
  return static_cast<double>(splitmix64(rng) >> 11) * 0x1.0p-53;
}

// The random stream of event n: a function of the seed and n alone.
inline uint64_t event_rng(uint64_t seed_key, uint64_t event) {
  uint64_t s = seed_key ^ (event * 0xD1B54A32D192ED03ull);
  splitmix64(s);
  return s;
}

// 2^x for x in [0, 64): the integer part as an exponent, the fraction by a polynomial (e^y
// around y = 0, |y| <= ln 2 / 2, error below 1e-9): std::exp cost a quarter of a bid.
inline double exp2_fast(double x) {
  const int whole = static_cast<int>(x);  // x >= 0
  const double y = (x - whole - 0.5) * 0.6931471805599453;
  const double p =
      1.0 +
      y * (1.0 +
           y * (0.5 + y * (1.0 / 6 +
                           y * (1.0 / 24 + y * (1.0 / 120 +
                                                y * (1.0 / 720 + y * (1.0 / 5040 + y / 40320)))))));
  // 2^whole by the exponent bits (whole < 64).
  const uint64_t bits = static_cast<uint64_t>(1023 + whole) << 52;
  double scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * 1.4142135623730951 * scale;
}

// PriceGenerator.nextPrice: 10^(6u) * 100 rounded, in cents, from 100 to 100,000,000.
inline int64_t next_price(uint64_t& rng) {
  constexpr double kLog2Of10x6 = 6 * 3.321928094887362;
  return static_cast<int64_t>(exp2_fast(next_double(rng) * kLog2Of10x6) * 100.0 + 0.5);
}

// PersonGenerator.nextBase0PersonId: one of the active people, or up to kIdLead ahead of the
// latest, `last_person`.
inline int64_t next_base0_person_id(uint32_t bits, int64_t last_person) {
  const int64_t people = last_person + 1;
  const int64_t active = std::min<int64_t>(people, kNumActivePeople);
  return people - active + bounded(bits, static_cast<uint64_t>(active + kIdLead));
}

// AuctionGenerator.nextBase0AuctionId: one of the auctions in flight, or up to kIdLead ahead of
// the latest, `last_auction`.
inline int64_t next_base0_auction_id(uint32_t bits, int64_t last_auction) {
  const int64_t min = std::max<int64_t>(last_auction - kNumInFlightAuctions, 0);
  return min + bounded(bits, static_cast<uint64_t>(last_auction - min + 1 + kIdLead));
}

// StringsGenerator.nextString: 3 to max_length - 1 characters, a-z with 1 in 13 `special`,
// trimmed of spaces at both ends. Writes into `out` (max_length bytes), returns the length kept
// and sets `begin` to its first byte.
inline size_t next_string(uint64_t& rng, int max_length, char special, char* out, char*& begin) {
  size_t len = 3 + static_cast<size_t>(next_int(rng, static_cast<uint64_t>(max_length - 3)));
  for (size_t i = 0; i < len; ++i) {
    const uint64_t r = splitmix64(rng);  // one draw per character: special?, which letter
    out[i] = bounded(high(r), 13) == 0 ? special : static_cast<char>('a' + bounded(low(r), 26));
  }
  begin = out;
  if (special == ' ') {
    while (len > 0 && begin[0] == ' ') ++begin, --len;
    while (len > 0 && begin[len - 1] == ' ') --len;
  }
  return len;
}

std::string_view store(Arena& arena, const char* p, size_t n) {
  return arena.store(std::string_view(p, n));
}

constexpr const char* kStates[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};
constexpr const char* kCities[] = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland",
                                   "Bend",    "Redmond",     "Seattle",       "Kent",  "Cheyenne"};
constexpr const char* kFirstNames[] = {"Peter", "Paul",  "Luke",  "John",   "Saul",  "Vicky",
                                       "Kate",  "Julie", "Sarah", "Deiter", "Walter"};
constexpr const char* kLastNames[] = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
                                      "Walton", "Smith",  "Jones",   "Noris"};
constexpr const char* kHotChannels[] = {"Google", "Facebook", "Baidu", "Apple"};
constexpr int kHotChannelCount = 4;

// Field indices (fields_of order).
enum PersonField { kPId, kPName, kPEmail, kPCard, kPCity, kPState, kPTime, kPExtra };
enum AuctionField {
  kAId,
  kAItem,
  kADesc,
  kAInitial,
  kAReserve,
  kATime,
  kAExpires,
  kASeller,
  kACategory,
  kAExtra
};
enum BidField { kBAuction, kBBidder, kBPrice, kBChannel, kBUrl, kBTime, kBExtra };

// The epoch offset of `kind`'s first event and its proportion.
void kind_slot(const Config& config, Kind kind, uint64_t& offset, uint64_t& proportion) {
  switch (kind) {
    case Kind::Person:
      offset = 0, proportion = static_cast<uint64_t>(config.person_proportion);
      return;
    case Kind::Auction:
      offset = static_cast<uint64_t>(config.person_proportion);
      proportion = static_cast<uint64_t>(config.auction_proportion);
      return;
    case Kind::Bid:
      offset = static_cast<uint64_t>(config.person_proportion + config.auction_proportion);
      proportion = static_cast<uint64_t>(config.bid_proportion);
      return;
  }
}

}  // namespace

int64_t last_base0_person_id(const Config& config, uint64_t event) {
  const uint64_t total = static_cast<uint64_t>(config.total_proportion());
  const int64_t epoch = static_cast<int64_t>(event / total);
  int64_t offset = static_cast<int64_t>(event % total);
  if (offset >= config.person_proportion) offset = config.person_proportion - 1;
  return epoch * config.person_proportion + offset;
}

int64_t last_base0_auction_id(const Config& config, uint64_t event) {
  const uint64_t total = static_cast<uint64_t>(config.total_proportion());
  int64_t epoch = static_cast<int64_t>(event / total);
  int64_t offset = static_cast<int64_t>(event % total);
  if (offset < config.person_proportion) {
    // A person: the last auction of the previous epoch.
    --epoch;
    offset = config.auction_proportion - 1;
  } else if (offset >= config.person_proportion + config.auction_proportion) {
    // A bid: the last auction of this epoch.
    offset = config.auction_proportion - 1;
  } else {
    offset -= config.person_proportion;
  }
  return epoch * config.auction_proportion + offset;
}

Timestamp timestamp_for_event(const Config& config, uint64_t event) {
  const uint64_t rate = static_cast<uint64_t>(config.event_rate);
  if (event < UINT64_MAX / 1000)
    return config.base_time + static_cast<Timestamp>(event * 1000 / rate);
  return config.base_time +
         static_cast<Timestamp>(static_cast<unsigned __int128>(event) * 1000 / rate);
}

uint64_t event_of_kind(const Config& config, Kind kind, uint64_t k) {
  uint64_t offset = 0, proportion = 0;
  kind_slot(config, kind, offset, proportion);
  return k / proportion * static_cast<uint64_t>(config.total_proportion()) + offset +
         k % proportion;
}

uint64_t count_of_kind(const Config& config, Kind kind, uint64_t n) {
  uint64_t offset = 0, proportion = 0;
  kind_slot(config, kind, offset, proportion);
  const uint64_t total = static_cast<uint64_t>(config.total_proportion());
  const uint64_t rem = n % total;
  return n / total * proportion + (rem <= offset ? 0 : std::min(rem - offset, proportion));
}

const std::vector<FieldSpec>& fields_of(Kind kind) {
  static const std::vector<FieldSpec> person = {
      {"id", Type::int64()},           {"name", Type::string()}, {"emailAddress", Type::string()},
      {"creditCard", Type::string()},  {"city", Type::string()}, {"state", Type::string()},
      {"dateTime", Type::timestamp()}, {"extra", Type::string()}};
  static const std::vector<FieldSpec> auction = {
      {"id", Type::int64()},          {"itemName", Type::string()}, {"description", Type::string()},
      {"initialBid", Type::int64()},  {"reserve", Type::int64()},   {"dateTime", Type::timestamp()},
      {"expires", Type::timestamp()}, {"seller", Type::int64()},    {"category", Type::int64()},
      {"extra", Type::string()}};
  static const std::vector<FieldSpec> bid = {
      {"auction", Type::int64()},  {"bidder", Type::int64()}, {"price", Type::int64()},
      {"channel", Type::string()}, {"url", Type::string()},   {"dateTime", Type::timestamp()},
      {"extra", Type::string()}};
  switch (kind) {
    case Kind::Person:
      return person;
    case Kind::Auction:
      return auction;
    default:
      return bid;
  }
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Person:
      return "person";
    case Kind::Auction:
      return "auction";
    default:
      return "bid";
  }
}

Generator::Generator(const Config& config, std::vector<int> column_field)
    : config_(config), column_field_(std::move(column_field)) {
  uint64_t s = static_cast<uint64_t>(config_.seed);
  seed_key_ = splitmix64(s);
  const size_t fields = fields_of(config_.kind).size();
  ints_.assign(fields, nullptr);
  strings_.assign(fields, nullptr);
  shared_ = std::make_shared<Arena>();
  build_pool();
  bool channels = false;
  for (int f : column_field_)
    channels |= config_.kind == Kind::Bid && (f == kBChannel || f == kBUrl);
  if (channels) build_channels();
}

// nextExtra's longest string is 1.2 times the average; the pool holds 256 KiB of random letters
// more than that, so a window of any length starts at one of 256K offsets.
void Generator::build_pool() {
  const int64_t average = config_.kind == Kind::Person    ? config_.person_avg_size
                          : config_.kind == Kind::Auction ? config_.auction_avg_size
                                                          : config_.bid_avg_size;
  max_extra_ = static_cast<size_t>(average + average / 5 + 1);
  const size_t size = (256 << 10) + max_extra_;
  char* p = shared_->allocate(size);
  uint64_t rng = seed_key_ ^ 0x5EEDull;
  for (size_t i = 0; i < size; ++i) p[i] = static_cast<char>('a' + next_int(rng, 26));
  pool_ = std::string_view(p, size);
}

// The channels' names and urls, each a function of the seed and its number (the reference
// makes each url once, from an unseeded random, and caches it).
void Generator::build_channels() {
  auto base_url = [&](uint64_t& rng, std::string& url) {
    url = "https://www.nexmark.com/";
    char buf[8];
    char* begin = nullptr;
    for (int part = 0; part < 3; ++part) {
      const size_t n = next_string(rng, 5, '_', buf, begin);
      url.append(begin, n);
      url += '/';
    }
    url += "item.htm?query=1";
  };
  std::string url;
  channels_.resize(kChannels + kHotChannelCount);
  for (int c = 0; c < kChannels + kHotChannelCount; ++c) {
    uint64_t rng = event_rng(seed_key_ ^ 0xC4A77E1ull, static_cast<uint64_t>(c));
    base_url(rng, url);
    if (c >= kChannels) {
      channels_[c].name = kHotChannels[c - kChannels];
    } else {
      channels_[c].name = shared_->store("channel-" + std::to_string(c));
      if (next_int(rng, 10) > 0) {
        // Java's Math.abs(Integer.reverse(c)): the bits of c reversed, as an int, made positive
        // (the reversal of 1 is Integer.MIN_VALUE, which stays negative).
        uint32_t bits = static_cast<uint32_t>(c), reversed = 0;
        for (int i = 0; i < 32; ++i) reversed |= ((bits >> i) & 1u) << (31 - i);
        int64_t id = static_cast<int32_t>(reversed);
        if (id < 0 && id != INT32_MIN) id = -id;
        url += "&channel_id=" + std::to_string(id);
      }
    }
    channels_[c].url = shared_->store(url);
  }
}

// StringsGenerator.nextExtra: letters making the row about `average_size` bytes (+-20%), as a
// window of the pool.
std::string_view Generator::extra(uint64_t bits, int64_t current_size, int64_t average_size) {
  if (current_size > average_size) return {};
  const int64_t desired = average_size - current_size;
  const int64_t delta = (desired * 2 + 5) / 10;  // Math.round(desired * 0.2)
  const int64_t size =
      desired - delta + (delta == 0 ? 0 : bounded(high(bits), static_cast<uint64_t>(2 * delta)));
  const uint64_t start = static_cast<uint64_t>(bounded(low(bits), pool_.size() - max_extra_));
  return pool_.substr(start, static_cast<size_t>(size));
}

void Generator::generate(Batch& out, uint64_t k, size_t n) {
  std::fill(ints_.begin(), ints_.end(), nullptr);
  std::fill(strings_.begin(), strings_.end(), nullptr);
  const size_t base = out.rows;
  // Per-row strings of people and auctions go into one arena per call, shared by every string
  // column; the bid's strings are views of shared_.
  std::shared_ptr<Arena> rows;
  if (config_.kind != Kind::Bid) rows = std::make_shared<Arena>();
  arena_ = rows.get();
  for (size_t c = 0; c < out.columns.size() && c < column_field_.size(); ++c) {
    Column& col = out.columns[c];
    const int f = column_field_[c];
    col.resize(base + n);
    if (f < 0) continue;
    if (col.type.id == TypeId::String) {
      strings_[static_cast<size_t>(f)] = col.strings.data() + base;
      if (std::find(col.arenas.begin(), col.arenas.end(), shared_) == col.arenas.end()) {
        col.arenas.push_back(shared_);
      }
      if (rows) col.arenas.push_back(rows);
    } else {
      ints_[static_cast<size_t>(f)] = col.ints.data() + base;
    }
  }
  switch (config_.kind) {
    case Kind::Person:
      person_rows(n, k);
      break;
    case Kind::Auction:
      auction_rows(n, k);
      break;
    case Kind::Bid:
      bid_rows(n, k);
      break;
  }
  if (!out.kinds.empty()) out.kinds.resize(base + n, RowKind::Insert);
  out.rows = base + n;
}

void Generator::bid_rows(size_t n, uint64_t k) {
  int64_t* const auction_out = ints_[kBAuction];
  int64_t* const bidder_out = ints_[kBBidder];
  int64_t* const price_out = ints_[kBPrice];
  int64_t* const time_out = ints_[kBTime];
  std::string_view* const channel_out = strings_[kBChannel];
  std::string_view* const url_out = strings_[kBUrl];
  std::string_view* const extra_out = strings_[kBExtra];
  const Config& c = config_;
  // The event number, its time and the latest person and auction advance with the epoch: no
  // division per row (they cost more than the rest of a bid).
  const uint64_t proportion = static_cast<uint64_t>(c.bid_proportion);
  const uint64_t total = static_cast<uint64_t>(c.total_proportion());
  const uint64_t first_offset = static_cast<uint64_t>(c.person_proportion + c.auction_proportion);
  uint64_t epoch = k / proportion, offset = k % proportion;
  // dateTime = base + event * 1000 / rate, kept as quotient and remainder and stepped by the
  // event distance to the next bid: 1 within an epoch, total - proportion + 1 across.
  const uint64_t rate = static_cast<uint64_t>(c.event_rate);
  const uint64_t first_event = epoch * total + first_offset + offset;
  const unsigned __int128 first_ms = static_cast<unsigned __int128>(first_event) * 1000;
  uint64_t ms = static_cast<uint64_t>(first_ms / rate),
           ms_rem = static_cast<uint64_t>(first_ms % rate);
  const uint64_t step_ms = 1000 / rate, step_rem = 1000 % rate;
  const uint64_t jump = (total - proportion + 1) * 1000;
  const uint64_t jump_ms = jump / rate, jump_rem = jump % rate;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t event = epoch * total + first_offset + offset;
    const Timestamp time = c.base_time + static_cast<Timestamp>(ms);
    const int64_t last_auction =
        static_cast<int64_t>(epoch) * c.auction_proportion + c.auction_proportion - 1;
    const int64_t last_person =
        static_cast<int64_t>(epoch) * c.person_proportion + c.person_proportion - 1;
    const bool next_epoch = ++offset == proportion;
    if (next_epoch) offset = 0, ++epoch;
    ms += next_epoch ? jump_ms : step_ms;
    ms_rem += next_epoch ? jump_rem : step_rem;
    if (ms_rem >= rate) ms_rem -= rate, ++ms;
    uint64_t rng = event_rng(seed_key_, event);
    // Four draws, two choices each, and the price's (the last draw: a field no column reads is
    // not computed, and the others do not change).
    const uint64_t hot = splitmix64(rng), pick = splitmix64(rng), channel_bits = splitmix64(rng),
                   extra_bits = splitmix64(rng);
    if (auction_out) {
      const int64_t auction = bounded(high(hot), static_cast<uint64_t>(c.hot_auction_ratio)) > 0
                                  ? last_auction / kHotRange * kHotRange
                                  : next_base0_auction_id(high(pick), last_auction);
      auction_out[i] = auction + kFirstAuctionId;
    }
    if (bidder_out) {
      const int64_t bidder = bounded(low(hot), static_cast<uint64_t>(c.hot_bidders_ratio)) > 0
                                 ? last_person / kHotRange * kHotRange + 1
                                 : next_base0_person_id(low(pick), last_person);
      bidder_out[i] = bidder + kFirstPersonId;
    }
    if (price_out) price_out[i] = next_price(rng);
    if (channel_out || url_out) {
      const int64_t channel = bounded(high(channel_bits), kHotChannelsRatio) > 0
                                  ? kChannels + bounded(low(channel_bits), kHotChannelCount)
                                  : bounded(low(channel_bits), kChannels);
      const Channel& chosen = channels_[static_cast<size_t>(channel)];
      if (channel_out) channel_out[i] = chosen.name;
      if (url_out) url_out[i] = chosen.url;
    }
    if (time_out) time_out[i] = time;
    if (extra_out) extra_out[i] = extra(extra_bits, 8 + 8 + 8 + 8, c.bid_avg_size);
  }
}

void Generator::person_rows(size_t n, uint64_t k) {
  const Config& c = config_;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t event = event_of_kind(c, Kind::Person, k + i);
    uint64_t rng = event_rng(seed_key_, event);
    const char* first = kFirstNames[next_int(rng, std::size(kFirstNames))];
    const char* last = kLastNames[next_int(rng, std::size(kLastNames))];
    char email[32];
    char* begin = nullptr;
    char part[8];
    size_t len = next_string(rng, 7, ' ', part, begin);
    std::memcpy(email, begin, len);
    email[len++] = '@';
    const size_t domain = next_string(rng, 5, ' ', part, begin);
    std::memcpy(email + len, begin, domain);
    len += domain;
    std::memcpy(email + len, ".com", 4);
    len += 4;
    char card[19];
    for (int g = 0; g < 4; ++g) {
      int v = static_cast<int>(next_int(rng, 10000));
      char* p = card + g * 5;
      for (int d = 3; d >= 0; --d, v /= 10) p[d] = static_cast<char>('0' + v % 10);
      if (g < 3) p[4] = ' ';
    }
    const char* city = kCities[next_int(rng, std::size(kCities))];
    const char* state = kStates[next_int(rng, std::size(kStates))];
    const size_t name_len = std::strlen(first) + 1 + std::strlen(last);
    const int64_t current = static_cast<int64_t>(8 + name_len + len + sizeof card +
                                                 std::strlen(city) + std::strlen(state));
    const std::string_view extra_text = extra(splitmix64(rng), current, c.person_avg_size);
    if (ints_[kPId]) ints_[kPId][i] = last_base0_person_id(c, event) + kFirstPersonId;
    if (strings_[kPName]) {
      char* p = arena_->allocate(name_len);
      const size_t f = std::strlen(first);
      std::memcpy(p, first, f);
      p[f] = ' ';
      std::memcpy(p + f + 1, last, name_len - f - 1);
      strings_[kPName][i] = std::string_view(p, name_len);
    }
    if (strings_[kPEmail]) strings_[kPEmail][i] = store(*arena_, email, len);
    if (strings_[kPCard]) strings_[kPCard][i] = store(*arena_, card, sizeof card);
    if (strings_[kPCity]) strings_[kPCity][i] = city;
    if (strings_[kPState]) strings_[kPState][i] = state;
    if (ints_[kPTime]) ints_[kPTime][i] = timestamp_for_event(c, event);
    if (strings_[kPExtra]) strings_[kPExtra][i] = extra_text;
  }
}

void Generator::auction_rows(size_t n, uint64_t k) {
  const Config& c = config_;
  // AuctionGenerator.nextAuctionLengthMs: auctions last on average until about
  // kNumInFlightAuctions more auctions have been created.
  const uint64_t events_for_auctions =
      static_cast<uint64_t>(kNumInFlightAuctions * c.total_proportion() / c.auction_proportion);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t event = event_of_kind(c, Kind::Auction, k + i);
    uint64_t rng = event_rng(seed_key_, event);
    const Timestamp time = timestamp_for_event(c, event);
    int64_t seller;
    if (next_int(rng, static_cast<uint64_t>(c.hot_sellers_ratio)) > 0) {
      seller = last_base0_person_id(c, event) / kHotRange * kHotRange;
    } else {
      seller = next_base0_person_id(low(splitmix64(rng)), last_base0_person_id(c, event));
    }
    const int64_t category = kFirstCategoryId + next_int(rng, kNumCategories);
    const int64_t initial_bid = next_price(rng);
    const Timestamp horizon = timestamp_for_event(c, event + events_for_auctions) - time;
    const Timestamp expires =
        time + 1 + next_int(rng, static_cast<uint64_t>(std::max<Timestamp>(horizon * 2, 1)));
    char item_buf[20], desc_buf[100];
    char *item = nullptr, *desc = nullptr;
    const size_t item_len = next_string(rng, 20, ' ', item_buf, item);
    const size_t desc_len = next_string(rng, 100, ' ', desc_buf, desc);
    const int64_t reserve = initial_bid + next_price(rng);
    const int64_t current = static_cast<int64_t>(8 + item_len + desc_len + 8 + 8 + 8 + 8 + 8);
    const std::string_view extra_text = extra(splitmix64(rng), current, c.auction_avg_size);
    if (ints_[kAId]) ints_[kAId][i] = last_base0_auction_id(c, event) + kFirstAuctionId;
    if (strings_[kAItem]) strings_[kAItem][i] = store(*arena_, item, item_len);
    if (strings_[kADesc]) strings_[kADesc][i] = store(*arena_, desc, desc_len);
    if (ints_[kAInitial]) ints_[kAInitial][i] = initial_bid;
    if (ints_[kAReserve]) ints_[kAReserve][i] = reserve;
    if (ints_[kATime]) ints_[kATime][i] = time;
    if (ints_[kAExpires]) ints_[kAExpires][i] = expires;
    if (ints_[kASeller]) ints_[kASeller][i] = seller + kFirstPersonId;
    if (ints_[kACategory]) ints_[kACategory][i] = category;
    if (strings_[kAExtra]) strings_[kAExtra][i] = extra_text;
  }
}

}  // namespace eddy::nexmark
