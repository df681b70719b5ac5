// The nexmark connector: deterministic by seed whatever the batch size, the 1:3:46 mix, ids that
// refer to people and auctions of the same run, hot keys in the reference's proportions, event
// times at the configured rate, resuming from a position, and its column checks.
#include <map>
#include <set>

#include "connector_test_util.h"
#include "connectors/nexmark_generator.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::HasSubstr;

Schema schema_of(nexmark::Kind kind) {
  Schema s;
  for (const auto& f : nexmark::fields_of(kind)) s.fields.push_back({f.name, f.type, true});
  return s;
}

std::map<std::string, std::string> options_for(const char* table, uint64_t events,
                                               std::map<std::string, std::string> extra = {}) {
  extra["connector"] = "nexmark";
  extra["nexmark.table"] = table;
  extra["events"] = std::to_string(events);
  return extra;
}

std::unique_ptr<Source> open(const Schema& s, const std::map<std::string, std::string>& options) {
  auto source = open_source(make_context(s, options));
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

// Every row of a stream, as one batch.
Batch read_batch(const char* table, uint64_t events, std::map<std::string, std::string> extra = {},
                 size_t batch_size = 1000) {
  const nexmark::Kind kind = std::string(table) == "person"    ? nexmark::Kind::Person
                             : std::string(table) == "auction" ? nexmark::Kind::Auction
                                                               : nexmark::Kind::Bid;
  const Schema s = schema_of(kind);
  auto source = open(s, options_for(table, events, std::move(extra)));
  Batch all = Batch::with_schema(s);
  for (;;) {
    Batch batch = Batch::with_schema(s);
    const SourceStatus st = source->next(batch, batch_size);
    expect_consistent(batch);
    for (size_t r = 0; r < batch.rows; ++r) all.append_row(batch, r);
    if (st == SourceStatus::End) break;
  }
  return all;
}

TEST(NexmarkSource, DeterministicBySeedWhateverTheBatchSize) {
  for (const char* table : {"person", "auction", "bid"}) {
    const nexmark::Kind kind = std::string(table) == "person"    ? nexmark::Kind::Person
                               : std::string(table) == "auction" ? nexmark::Kind::Auction
                                                                 : nexmark::Kind::Bid;
    const Schema s = schema_of(kind);
    auto a = read_all(*open(s, options_for(table, 700)), s, 1000);
    auto b = read_all(*open(s, options_for(table, 700)), s, 1);
    auto c = read_all(*open(s, options_for(table, 700)), s, 7);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, b) << table;
    EXPECT_EQ(a, c) << table;
    auto d = read_all(*open(s, options_for(table, 700, {{"seed", "1"}})), s, 1000);
    EXPECT_NE(a, d) << table;
  }
}

TEST(NexmarkSource, PeopleAuctionsAndBidsComeOneToThreeToFortySix) {
  // 1234 events: 24 full epochs of 50 and 34 more (1 person, 3 auctions, 30 bids).
  EXPECT_EQ(read_batch("person", 1234).rows, 25u);
  EXPECT_EQ(read_batch("auction", 1234).rows, 75u);
  EXPECT_EQ(read_batch("bid", 1234).rows, 24u * 46 + 30);
  // Other proportions.
  std::map<std::string, std::string> mix{
      {"person.proportion", "2"}, {"auction.proportion", "2"}, {"bid.proportion", "6"}};
  EXPECT_EQ(read_batch("person", 100, mix).rows, 20u);
  EXPECT_EQ(read_batch("auction", 100, mix).rows, 20u);
  EXPECT_EQ(read_batch("bid", 100, mix).rows, 60u);
}

TEST(NexmarkSource, EventTimesAdvanceAtTheEventRate) {
  // 10 events per second: event n is at base + 100 n ms. Bids are events 4..49 of each epoch.
  Batch bids = read_batch("bid", 200, {{"event-rate", "10"}, {"base-time", "2024-01-01 00:00:00"}});
  Timestamp base = 0;
  ASSERT_TRUE(parse_timestamp("2024-01-01 00:00:00", base));
  const auto& times = bids.columns[5].ints;
  ASSERT_EQ(times.size(), 184u);
  EXPECT_EQ(times[0], base + 400);
  EXPECT_EQ(times[45], base + 4900);
  EXPECT_EQ(times[46], base + 5400);  // event 54: the next epoch's first bid
  // Rates that do not divide 1000 nor are divided by it: every bid at floor(n * 1000 / rate), also
  // across batches that start mid-epoch.
  for (const char* rate : {"7", "3000", "999999"}) {
    nexmark::Config config;
    config.event_rate = std::stoll(rate);
    ASSERT_TRUE(parse_timestamp("2015-07-15 00:00:00", config.base_time));
    Batch odd = read_batch("bid", 5000, {{"event-rate", rate}}, 37);
    for (size_t r = 0; r < odd.rows; ++r) {
      const uint64_t event = nexmark::event_of_kind(config, nexmark::Kind::Bid, r);
      ASSERT_EQ(odd.columns[5].ints[r],
                config.base_time + int64_t(event * 1000 / config.event_rate))
          << "rate " << rate << " bid " << r;
    }
  }
  Batch people = read_batch("person", 200, {{"event-rate", "10"}});
  Timestamp beam_base = 0;
  ASSERT_TRUE(parse_timestamp("2015-07-15 00:00:00", beam_base));
  EXPECT_EQ(people.columns[6].ints, (std::vector<int64_t>{beam_base, beam_base + 5000,
                                                          beam_base + 10000, beam_base + 15000}));
  // Auctions expire after they start.
  Batch auctions = read_batch("auction", 2000);
  for (size_t r = 0; r < auctions.rows; ++r) {
    EXPECT_GT(auctions.columns[6].ints[r], auctions.columns[5].ints[r]);
  }
}

TEST(NexmarkSource, IdsReferToPeopleAndAuctionsOfTheSameRun) {
  constexpr uint64_t kEvents = 20000;
  Batch people = read_batch("person", kEvents);
  Batch auctions = read_batch("auction", kEvents);
  Batch bids = read_batch("bid", kEvents);
  // People and auctions are numbered from 1000, one id each, in event order.
  for (size_t r = 0; r < people.rows; ++r) ASSERT_EQ(people.columns[0].ints[r], 1000 + int64_t(r));
  for (size_t r = 0; r < auctions.rows; ++r) {
    ASSERT_EQ(auctions.columns[0].ints[r], 1000 + int64_t(r));
  }
  const int64_t last_person = 1000 + int64_t(people.rows) - 1;
  const int64_t last_auction = 1000 + int64_t(auctions.rows) - 1;
  // A bid's auction and bidder exist by the time of the bid, or are at most 10 ids ahead of the
  // latest (the reference's lead), so exist later in the run unless the run ends first.
  size_t hot_auction = 0, hot_bidder = 0, existing_before = 0, in_run = 0;
  for (size_t r = 0; r < bids.rows; ++r) {
    const uint64_t event = nexmark::event_of_kind(nexmark::Config{}, nexmark::Kind::Bid, r);
    const int64_t auctions_so_far = nexmark::last_base0_auction_id(nexmark::Config{}, event);
    const int64_t people_so_far = nexmark::last_base0_person_id(nexmark::Config{}, event);
    const int64_t auction = bids.columns[0].ints[r], bidder = bids.columns[1].ints[r];
    ASSERT_GE(auction, 1000);
    ASSERT_LE(auction, 1000 + auctions_so_far + 10);
    ASSERT_GE(bidder, 1000);
    ASSERT_LE(bidder, 1000 + people_so_far + 10);
    existing_before += auction <= 1000 + auctions_so_far && bidder <= 1000 + people_so_far;
    in_run += auction <= last_auction && bidder <= last_person;
    hot_auction += (auction - 1000) % 100 == 0;
    hot_bidder += (bidder - 1000) % 100 == 1;
  }
  // About 94% of the bids are for an auction and by a person created before them (the rest pick
  // one of the 10 ids ahead); all but a few of the run's last moments refer to ids it creates.
  EXPECT_GT(existing_before, bids.rows * 90 / 100);
  EXPECT_LT(existing_before, bids.rows * 98 / 100);
  EXPECT_GT(in_run, bids.rows - bids.rows / 200);
  // Hot auctions: 1 - 1/2 of the bids plus the few random picks of the same ids; hot bidders
  // 1 - 1/4.
  EXPECT_NEAR(double(hot_auction) / double(bids.rows), 0.5, 0.05);
  EXPECT_NEAR(double(hot_bidder) / double(bids.rows), 0.75, 0.05);
  // Sellers are people; hot sellers are the first of the latest 100 people, 3 in 4 auctions.
  size_t hot_seller = 0;
  for (size_t r = 0; r < auctions.rows; ++r) {
    const int64_t seller = auctions.columns[7].ints[r];
    ASSERT_GE(seller, 1000);
    ASSERT_LE(seller, last_person + 10);
    hot_seller += (seller - 1000) % 100 == 0;
    const int64_t category = auctions.columns[8].ints[r];
    ASSERT_GE(category, 10);
    ASSERT_LE(category, 14);
  }
  EXPECT_NEAR(double(hot_seller) / double(auctions.rows), 0.75, 0.08);
}

TEST(NexmarkSource, FieldsFollowTheReference) {
  Batch bids = read_batch("bid", 5000);
  std::set<std::string_view> hot_channels;
  size_t extra_bytes = 0;
  for (size_t r = 0; r < bids.rows; ++r) {
    const int64_t price = bids.columns[2].ints[r];
    ASSERT_GE(price, 100);
    ASSERT_LE(price, 100'000'000);
    const std::string_view channel = bids.columns[3].strings[r];
    const std::string_view url = bids.columns[4].strings[r];
    ASSERT_EQ(url.substr(0, 24), "https://www.nexmark.com/");
    if (channel.substr(0, 8) != "channel-") hot_channels.insert(channel);
    const size_t extra = bids.columns[6].strings[r].size();
    ASSERT_GE(extra, 54u);  // 68 bytes (100 - 32) +- 20%
    ASSERT_LE(extra, 81u);
    extra_bytes += extra;
  }
  EXPECT_EQ(hot_channels, (std::set<std::string_view>{"Apple", "Baidu", "Facebook", "Google"}));
  EXPECT_NEAR(double(extra_bytes) / double(bids.rows), 67.5, 1.5);
  Batch people = read_batch("person", 5000);
  const std::set<std::string_view> states{"AZ", "CA", "ID", "OR", "WA", "WY"};
  for (size_t r = 0; r < people.rows; ++r) {
    EXPECT_TRUE(states.count(people.columns[5].strings[r]));
    EXPECT_THAT(std::string(people.columns[2].strings[r]), HasSubstr(".com"));
    EXPECT_EQ(people.columns[3].strings[r].size(), 19u);  // "dddd dddd dddd dddd"
  }
}

TEST(NexmarkSource, ColumnsAreFieldsByNameInAnyOrder) {
  Schema some;
  some.fields = {{"dateTime", Type::timestamp(), true}, {"PRICE", Type::int64(), true}};
  auto full = read_all(*open(schema_of(nexmark::Kind::Bid), options_for("bid", 300)),
                       schema_of(nexmark::Kind::Bid));
  auto part = read_all(*open(some, options_for("bid", 300)), some);
  ASSERT_EQ(full.size(), part.size());
  for (size_t r = 0; r < full.size(); ++r) {
    // full: auction|bidder|price|channel|url|dateTime|extra
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t bar; (bar = full[r].find('|', start)) != std::string::npos; start = bar + 1) {
      f.push_back(full[r].substr(start, bar - start));
    }
    EXPECT_EQ(part[r], f[5] + "|" + f[2]);
  }
}

TEST(NexmarkSource, ResumesFromItsPosition) {
  const Schema s = schema_of(nexmark::Kind::Auction);
  auto all = read_all(*open(s, options_for("auction", 3000)), s, 64);
  auto first = open(s, options_for("auction", 3000));
  Batch batch = Batch::with_schema(s);
  ASSERT_EQ(first->next(batch, 50), SourceStatus::Data);
  const auto position = first->position();
  ASSERT_TRUE(position.has_value());
  EXPECT_EQ(position->offset, 50u);
  auto second = open(s, options_for("auction", 3000));
  ASSERT_TRUE(second->seek(*position));
  auto rest = read_all(*second, s, 33);
  ASSERT_EQ(rest.size() + 50, all.size());
  EXPECT_TRUE(std::equal(rest.begin(), rest.end(), all.begin() + 50));
  SourcePosition past;
  past.offset = 1000;
  EXPECT_THAT(second->seek(past).error().message, HasSubstr("past its 180 rows"));
}

// 'parallelism' > 1: generated ahead on worker threads, the same rows in the same order,
// whatever the batch size, across a change of batch size and after a seek.
TEST(NexmarkSource, GeneratedAheadOnThreadsTheSameRows) {
  for (const char* table : {"person", "auction", "bid"}) {
    const nexmark::Kind kind = std::string(table) == "person"    ? nexmark::Kind::Person
                               : std::string(table) == "auction" ? nexmark::Kind::Auction
                                                                 : nexmark::Kind::Bid;
    const Schema s = schema_of(kind);
    const auto one = read_all(*open(s, options_for(table, 5000)), s, 64);
    for (size_t parallelism : {2, 3, 8}) {
      ConnectorContext context = make_context(s, options_for(table, 5000));
      context.parallelism = parallelism;
      auto source = std::move(open_source(context)).value();
      EXPECT_EQ(read_all(*source, s, 37), one) << table << " at " << parallelism;

      // 100 rows in batches of 10, then the rest in batches of 64 (generated ahead again).
      source = std::move(open_source(context)).value();
      std::vector<std::string> rows;
      for (int i = 0; i < 10; ++i) {
        Batch batch = Batch::with_schema(s);
        ASSERT_EQ(source->next(batch, 10), SourceStatus::Data);
        for (size_t r = 0; r < batch.rows; ++r) rows.push_back(row_text(batch, r));
      }
      for (const std::string& row : read_all(*source, s, 64)) rows.push_back(row);
      EXPECT_EQ(rows, one) << table << " at " << parallelism;

      // Seeking while chunks are ahead: from row 70 on.
      source = std::move(open_source(context)).value();
      Batch batch = Batch::with_schema(s);
      ASSERT_EQ(source->next(batch, 50), SourceStatus::Data);
      SourcePosition position;
      position.offset = 70;
      ASSERT_TRUE(source->seek(position));
      const auto rest = read_all(*source, s, 50);
      ASSERT_EQ(rest.size() + 70, one.size());
      EXPECT_TRUE(std::equal(rest.begin(), rest.end(), one.begin() + 70)) << table;
    }
  }
  // A source dropped while its workers are ahead stops them.
  const Schema s = schema_of(nexmark::Kind::Bid);
  ConnectorContext context = make_context(s, options_for("bid", 100'000'000));
  context.parallelism = 4;
  auto source = std::move(open_source(context)).value();
  Batch batch = Batch::with_schema(s);
  ASSERT_EQ(source->next(batch, 1000), SourceStatus::Data);
  source.reset();
}

// Columns the query does not read (ConnectorContext::read_columns) are left at zero values; the
// ones it reads are the same as when every column is generated.
TEST(NexmarkSource, ColumnsNobodyReadsAreNotGenerated) {
  const Schema s = schema_of(nexmark::Kind::Bid);
  auto all = open(s, options_for("bid", 3000));
  ConnectorContext context = make_context(s, options_for("bid", 3000));
  context.read_columns.assign(s.size(), false);
  context.read_columns[0] = context.read_columns[5] = true;  // auction, dateTime
  auto some = std::move(open_source(context)).value();
  Batch a = Batch::with_schema(s), b = Batch::with_schema(s);
  ASSERT_EQ(all->next(a, 500), SourceStatus::Data);
  ASSERT_EQ(some->next(b, 500), SourceStatus::Data);
  expect_consistent(b);
  ASSERT_EQ(b.rows, a.rows);
  EXPECT_EQ(b.columns[0].ints, a.columns[0].ints);
  EXPECT_EQ(b.columns[5].ints, a.columns[5].ints);
  for (size_t row = 0; row < b.rows; ++row) {
    EXPECT_EQ(b.columns[2].ints[row], 0);            // price
    EXPECT_TRUE(b.columns[6].strings[row].empty());  // extra
  }
}

TEST(NexmarkSource, PacedByTheClock) {
  ManualClock clock(0);
  const Schema s = schema_of(nexmark::Kind::Bid);
  auto options = options_for("bid", 1000, {{"events-per-second", "100"}});
  auto source = open_source(make_context(s, options, &clock));
  ASSERT_TRUE(source.is_ok());
  Batch batch = Batch::with_schema(s);
  // At 0 ms only event 0 (a person) is due: no bid yet. At 100 ms events 0..10: bids 4..10.
  EXPECT_EQ(source.value()->next(batch, 1000), SourceStatus::Idle);
  clock.advance(100);
  ASSERT_EQ(source.value()->next(batch, 1000), SourceStatus::Data);
  EXPECT_EQ(batch.rows, 7u);
  // Nothing more until the clock moves; at 500 ms events 0..50 are due: bids 4..49, 39 more.
  EXPECT_EQ(source.value()->next(batch, 1000), SourceStatus::Idle);
  clock.advance(400);
  ASSERT_EQ(source.value()->next(batch, 1000), SourceStatus::Data);
  EXPECT_EQ(batch.rows, 46u);
  // After a seek, pacing starts again from the next row's event (bid 20 is event 24): only it is
  // due now, the next one 10 ms later.
  SourcePosition at;
  at.offset = 20;
  ASSERT_TRUE(source.value()->seek(at));
  Batch resumed = Batch::with_schema(s);
  ASSERT_EQ(source.value()->next(resumed, 1000), SourceStatus::Data);
  EXPECT_EQ(resumed.rows, 1u);
  EXPECT_EQ(source.value()->next(resumed, 1000), SourceStatus::Idle);
  clock.advance(10);
  ASSERT_EQ(source.value()->next(resumed, 1000), SourceStatus::Data);
  EXPECT_EQ(resumed.rows, 2u);
}

std::string open_error(const Schema& s, std::map<std::string, std::string> options) {
  Status st = validate_connector(make_context(s, options), false);
  return st ? "" : st.error().message;
}

TEST(NexmarkSource, ColumnsAndOptionsAreChecked) {
  Schema typo;
  typo.fields = {{"bidr", Type::int64(), true}};
  EXPECT_THAT(open_error(typo, options_for("bid", 10)),
              HasSubstr("column 'bidr' is not a field of nexmark table 'bid' (did you mean "
                        "'bidder'?)"));
  Schema wrong_type;
  wrong_type.fields = {{"price", Type::int32(), true}};
  EXPECT_THAT(open_error(wrong_type, options_for("bid", 10)),
              HasSubstr("column 'price' is INT, but nexmark field bid.price is BIGINT"));
  Schema ok;
  ok.fields = {{"id", Type::int64(), true}};
  auto no_table = options_for("bid", 10);
  no_table.erase("nexmark.table");
  EXPECT_THAT(open_error(ok, no_table), HasSubstr("requires option 'nexmark.table'"));
  EXPECT_THAT(open_error(ok, options_for("persn", 10)), HasSubstr("did you mean 'person'?"));
  EXPECT_THAT(open_error(ok, options_for("person", 10, {{"event-rate", "0"}})),
              HasSubstr("'event-rate' = '0': expected an integer from 1"));
  EXPECT_THAT(open_error(ok, options_for("person", 10, {{"base-time", "soon"}})),
              HasSubstr("expected a timestamp"));
  EXPECT_THAT(open_error(ok, options_for("person", 10, {{"event", "5"}})),
              HasSubstr("did you mean 'events'?"));
  EXPECT_EQ(open_error(ok, options_for("person", 10)), "");
}

}  // namespace
}  // namespace eddy
