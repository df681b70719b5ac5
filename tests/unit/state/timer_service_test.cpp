// The timer service's guarantees (state/timer_service.h), one property per test, plus a
// randomized differential test against a plain std::set.
#include "state/timer_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace eddy {
namespace {

using Fired = std::vector<std::pair<Timestamp, KeyId>>;

Fired advance(TimerService& timers, Timestamp watermark) {
  Fired fired;
  timers.advance_watermark(watermark, [&](KeyId key, Timestamp ts, TimeDomain domain) {
    EXPECT_EQ(domain, TimeDomain::EventTime);
    fired.emplace_back(ts, key);
  });
  return fired;
}

Fired advance_processing(TimerService& timers, Timestamp now) {
  Fired fired;
  timers.advance_processing_time(now, [&](KeyId key, Timestamp ts, TimeDomain domain) {
    EXPECT_EQ(domain, TimeDomain::ProcessingTime);
    fired.emplace_back(ts, key);
  });
  return fired;
}

TEST(TimerService, StartsEmptyWithNoTime) {
  TimerService timers;
  EXPECT_EQ(timers.current_watermark(), kMinTimestamp);
  EXPECT_EQ(timers.current_processing_time(), kMinTimestamp);
  EXPECT_EQ(timers.event_timer_count(), 0u);
  EXPECT_EQ(timers.processing_timer_count(), 0u);
  EXPECT_EQ(timers.next_processing_timer(), kMaxTimestamp);
  EXPECT_TRUE(advance(timers, 1000).empty());
  EXPECT_EQ(timers.current_watermark(), 1000);
}

TEST(TimerService, RegisteringTwiceFiresOnce) {
  TimerService timers;
  timers.register_event_timer(7, 100);
  timers.register_event_timer(7, 100);
  timers.register_event_timer(8, 100);  // another key: another timer
  EXPECT_EQ(timers.event_timer_count(), 2u);
  EXPECT_EQ(advance(timers, 100), (Fired{{100, 7}, {100, 8}}));
  EXPECT_EQ(timers.event_timer_count(), 0u);
}

TEST(TimerService, DeleteRemovesTheTimer) {
  TimerService timers;
  timers.register_event_timer(1, 50);
  timers.register_event_timer(2, 50);
  timers.register_event_timer(1, 60);
  timers.delete_event_timer(1, 50);
  EXPECT_EQ(timers.event_timer_count(), 2u);
  EXPECT_EQ(advance(timers, 100), (Fired{{50, 2}, {60, 1}}));
}

TEST(TimerService, DeleteThenRegisterAgainFiresOnce) {
  // The deleted entry stays in the wheel lazily; it must not fire a second time.
  TimerService timers;
  timers.register_event_timer(1, 1'000'000);
  timers.delete_event_timer(1, 1'000'000);
  timers.register_event_timer(1, 1'000'000);
  advance(timers, 10);  // the re-registered entry now sits on a different wheel level
  timers.delete_event_timer(1, 1'000'000);
  timers.register_event_timer(1, 1'000'000);
  EXPECT_EQ(advance(timers, 2'000'000), (Fired{{1'000'000, 1}}));
}

TEST(TimerService, DeletingANonRegisteredTimerIsANoOp) {
  TimerService timers;
  timers.delete_event_timer(1, 10);
  timers.register_event_timer(1, 20);
  timers.delete_event_timer(1, 10);
  timers.delete_event_timer(2, 20);
  timers.delete_processing_timer(1, 20);  // the other domain
  EXPECT_EQ(timers.event_timer_count(), 1u);
  EXPECT_EQ(advance(timers, 20), (Fired{{20, 1}}));
  timers.delete_event_timer(1, 20);  // already fired
  EXPECT_EQ(timers.event_timer_count(), 0u);
}

TEST(TimerService, FiresInTimestampOrderAcrossWheelLevels) {
  const Timestamp ms = 1, second = 1000, hour = 3600 * second, year = 365 * 24 * hour;
  const Timestamp start = 1'700'000'000'000;  // 2023
  std::vector<Timestamp> offsets = {ms,     2 * ms,    63 * ms,     64 * ms,       65 * ms,
                                    second, 4095 * ms, 4096 * ms,   hour,          hour + ms,
                                    year,   10 * year, 1000 * year, 100'000 * year};
  std::vector<Timestamp> times = {-start + 1, -start + 64, -year, -1, 0, kMaxTimestamp - 1};
  for (Timestamp offset : offsets) times.push_back(start + offset);
  TimerService timers;
  advance(timers, -start);  // the wheel spans negative and positive times
  // Register in reverse so insertion order cannot explain the result.
  for (size_t i = times.size(); i-- > 0;) timers.register_event_timer(KeyId(i), times[i]);
  Fired expected;
  for (size_t i = 0; i < times.size(); ++i) expected.emplace_back(times[i], KeyId(i));
  std::sort(expected.begin(), expected.end());
  // Step by step, through every level: each timer fires exactly when the watermark reaches it.
  Fired fired;
  for (const auto& [ts, key] : expected) {
    EXPECT_TRUE(advance(timers, ts - 1).empty()) << ts;
    Fired at = advance(timers, ts);
    ASSERT_EQ(at.size(), 1u) << ts;
    fired.push_back(at[0]);
  }
  EXPECT_EQ(fired, expected);
}

TEST(TimerService, EqualTimestampsFireInKeyOrder) {
  TimerService timers;
  for (KeyId key : {5u, 3u, 9u, 0u, 4'000'000'000u, 1u}) timers.register_event_timer(key, 10);
  EXPECT_EQ(advance(timers, 10),
            (Fired{{10, 0}, {10, 1}, {10, 3}, {10, 5}, {10, 9}, {10, 4'000'000'000u}}));
}

TEST(TimerService, ManyKeysOnOneTimestampFireInKeyOrder) {
  // Coalesced timers: one big level-0 slot (radix-sorted).
  std::vector<KeyId> keys(100'000);
  for (size_t i = 0; i < keys.size(); ++i) keys[i] = KeyId(i * 2654435761u);
  std::mt19937 rng(1);
  std::shuffle(keys.begin(), keys.end(), rng);
  TimerService timers;
  for (KeyId key : keys) timers.register_event_timer(key, 5000);
  Fired fired = advance(timers, 6000);
  std::sort(keys.begin(), keys.end());
  ASSERT_EQ(fired.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i)
    ASSERT_EQ(fired[i], std::make_pair(Timestamp(5000), keys[i]));
}

// The wheel moves a 64 ms block's timers to its ready run at once (state/timer_queue.h): they
// still fire only as the watermark reaches each, and take in the timers registered, deleted
// and moved within the block meanwhile.
TEST(TimerService, ABlockOfTimersFiresStepByStepAndTakesChangesWithinIt) {
  const Timestamp block = 64 * 1000;  // a block's first millisecond
  TimerService timers;
  advance(timers, block - 5000);
  for (auto [ts, key] : Fired{{block + 5, 3},
                              {block + 5, 1},
                              {block + 10, 2},
                              {block + 40, 4},
                              {block, 7},
                              {block + 63, 5},
                              {block + 64, 6}})
    timers.register_event_timer(key, ts);
  EXPECT_EQ(advance(timers, block + 5), (Fired{{block, 7}, {block + 5, 1}, {block + 5, 3}}));
  EXPECT_EQ(timers.next_event_timer(), block + 10);
  timers.register_event_timer(9, block + 7);   // ahead of the watermark, within the block
  timers.register_event_timer(8, block + 4);   // behind it: fires at the next advance
  timers.register_event_timer(0, block + 10);  // the same time as key 2, a smaller key
  timers.delete_event_timer(4, block + 40);
  timers.register_event_timer(4, block + 62);  // moved within the block
  timers.register_event_timer(1, block + 63);  // the same key again, later in the block
  EXPECT_EQ(timers.next_event_timer(), block + 4);
  EXPECT_EQ(advance(timers, block + 6), (Fired{{block + 4, 8}}));
  EXPECT_EQ(advance(timers, block + 9), (Fired{{block + 7, 9}}));
  EXPECT_EQ(advance(timers, block + 10), (Fired{{block + 10, 0}, {block + 10, 2}}));
  EXPECT_TRUE(advance(timers, block + 61).empty());
  // A snapshot mid-block restores to the same sequence.
  TimerService restored;
  ASSERT_TRUE(restored.restore(timers.snapshot()));
  for (TimerService* service : {&timers, &restored}) {
    EXPECT_EQ(advance(*service, block + 62), (Fired{{block + 62, 4}}));
    EXPECT_EQ(advance(*service, block + 63), (Fired{{block + 63, 1}, {block + 63, 5}}));
    EXPECT_EQ(advance(*service, block + 64), (Fired{{block + 64, 6}}));
    EXPECT_EQ(service->event_timer_count(), 0u);
  }
}

TEST(TimerService, ManyKeysOnOneTimestampAmongOthersInABlockFireInTimeAndKeyOrder) {
  std::vector<KeyId> keys(1000);
  for (size_t i = 0; i < keys.size(); ++i) keys[i] = KeyId(i * 2654435761u);
  std::mt19937 rng(2);
  std::shuffle(keys.begin(), keys.end(), rng);
  TimerService timers;
  advance(timers, 0);
  Fired expected;
  for (size_t i = 0; i < keys.size(); ++i) {
    // Most on 3010 (a run to radix-sort), the rest over the block [3008, 3072).
    const Timestamp ts = i % 4 == 0 ? 3008 + Timestamp(rng() % 64) : 3010;
    timers.register_event_timer(keys[i], ts);
    expected.emplace_back(ts, keys[i]);
  }
  std::sort(expected.begin(), expected.end());
  Fired fired = advance(timers, 3030);
  Fired rest = advance(timers, 4000);
  fired.insert(fired.end(), rest.begin(), rest.end());
  EXPECT_EQ(fired, expected);
}

TEST(TimerService, TimersRegisteredFromCallbacksAtOrBeforeTheWatermarkFireInTheSameAdvanceInOrder) {
  TimerService timers;
  timers.register_event_timer(1, 10);
  timers.register_event_timer(1, 30);
  Fired fired;
  timers.advance_watermark(100, [&](KeyId key, Timestamp ts, TimeDomain) {
    fired.emplace_back(ts, key);
    if (ts == 10) {
      timers.register_event_timer(2, 20);   // between pending timers
      timers.register_event_timer(3, 5);    // before the one firing: next in line
      timers.register_event_timer(4, 100);  // exactly at the watermark
      timers.register_event_timer(5, 101);  // after it: not now
    }
  });
  EXPECT_EQ(fired, (Fired{{10, 1}, {5, 3}, {20, 2}, {30, 1}, {100, 4}}));
  EXPECT_EQ(advance(timers, 101), (Fired{{101, 5}}));
}

TEST(TimerService, PopApiSeesTimersRegisteredBetweenPops) {
  TimerService timers;
  timers.register_event_timer(1, 10);
  timers.register_event_timer(1, 40);
  KeyId key;
  Timestamp ts;
  ASSERT_TRUE(timers.pop_event_timer(50, key, ts));
  EXPECT_EQ(std::make_pair(ts, key), std::make_pair(Timestamp(10), KeyId(1)));
  timers.register_event_timer(2, 30);
  timers.delete_event_timer(1, 40);
  ASSERT_TRUE(timers.pop_event_timer(50, key, ts));
  EXPECT_EQ(std::make_pair(ts, key), std::make_pair(Timestamp(30), KeyId(2)));
  EXPECT_FALSE(timers.pop_event_timer(50, key, ts));
  EXPECT_EQ(timers.current_watermark(), 50);
}

TEST(TimerService, TimersAfterTheWatermarkDoNotFire) {
  TimerService timers;
  timers.register_event_timer(1, 101);
  timers.register_event_timer(2, 100);
  EXPECT_EQ(advance(timers, 100), (Fired{{100, 2}}));
  EXPECT_EQ(timers.event_timer_count(), 1u);
  EXPECT_TRUE(advance(timers, 100).empty());
  EXPECT_EQ(advance(timers, 101), (Fired{{101, 1}}));
}

TEST(TimerService, WatermarkNeverMovesBackwards) {
  TimerService timers;
  advance(timers, 1000);
  timers.register_event_timer(1, 500);  // already passed: overdue
  timers.register_event_timer(2, 1500);
  // A smaller watermark is ignored, but still fires what is overdue at the current one.
  EXPECT_EQ(advance(timers, 10), (Fired{{500, 1}}));
  EXPECT_EQ(timers.current_watermark(), 1000);
  EXPECT_TRUE(advance(timers, 999).empty());
  EXPECT_EQ(advance(timers, 2000), (Fired{{1500, 2}}));
  EXPECT_EQ(timers.current_watermark(), 2000);
}

TEST(TimerService, TimerRegisteredAtOrBeforeTheWatermarkFiresAtTheNextAdvance) {
  TimerService timers;
  advance(timers, 1000);
  timers.register_event_timer(3, 1000);
  timers.register_event_timer(2, 999);
  timers.register_event_timer(1, kMinTimestamp);
  EXPECT_EQ(advance(timers, 1000), (Fired{{kMinTimestamp, 1}, {999, 2}, {1000, 3}}));
}

TEST(TimerService, CallbacksSeeTheNewWatermark) {
  // As in Flink: during the callbacks current_watermark() is already the target, so a timer at
  // next_watermark_timer() registered there fires at the next advance, not in a loop.
  TimerService timers;
  timers.register_event_timer(1, 10);
  int calls = 0;
  timers.advance_watermark(50, [&](KeyId key, Timestamp, TimeDomain) {
    ++calls;
    EXPECT_EQ(timers.current_watermark(), 50);
    timers.register_event_timer(key, timers.next_watermark_timer());
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(advance(timers, 51), (Fired{{51, 1}}));
}

TEST(TimerService, EndOfInputFiresEveryTimer) {
  TimerService timers;
  std::mt19937_64 rng(7);
  Fired expected;
  for (KeyId key = 0; key < 20'000; ++key) {
    Timestamp ts = Timestamp(rng() >> 1) * ((key & 1) ? 1 : -1);
    timers.register_event_timer(key, ts);
    expected.emplace_back(ts, key);
  }
  timers.register_event_timer(0, kMaxTimestamp);
  timers.register_event_timer(1, kMinTimestamp);
  expected.emplace_back(kMaxTimestamp, 0);
  expected.emplace_back(kMinTimestamp, 1);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(advance(timers, kMaxTimestamp), expected);
  EXPECT_EQ(timers.current_watermark(), kMaxTimestamp);
  EXPECT_EQ(timers.event_timer_count(), 0u);
  EXPECT_EQ(timers.next_watermark_timer(), kMaxTimestamp);  // saturates; fires at the next call
  timers.register_event_timer(5, timers.next_watermark_timer());
  EXPECT_EQ(advance(timers, kMaxTimestamp), (Fired{{kMaxTimestamp, 5}}));
}

TEST(TimerService, ProcessingTimeIsIndependentOfEventTime) {
  TimerService timers;
  timers.register_event_timer(1, 100);
  timers.register_processing_timer(1, 100);  // same key and time, other domain
  timers.register_processing_timer(2, 50);
  EXPECT_EQ(timers.event_timer_count(), 1u);
  EXPECT_EQ(timers.processing_timer_count(), 2u);
  EXPECT_EQ(timers.next_processing_timer(), 50);
  EXPECT_EQ(advance(timers, 1000), (Fired{{100, 1}}));
  EXPECT_EQ(timers.current_processing_time(), kMinTimestamp);
  EXPECT_EQ(timers.processing_timer_count(), 2u);
  timers.delete_processing_timer(2, 50);
  EXPECT_EQ(timers.next_processing_timer(), 100);
  EXPECT_EQ(advance_processing(timers, 99), Fired{});
  EXPECT_EQ(advance_processing(timers, 100), (Fired{{100, 1}}));
  EXPECT_EQ(timers.current_processing_time(), 100);
  EXPECT_EQ(timers.current_watermark(), 1000);
  EXPECT_EQ(timers.next_processing_timer(), kMaxTimestamp);
}

TEST(TimerService, NextProcessingTimerSkipsDeletedTimers) {
  TimerService timers;
  advance_processing(timers, 0);
  for (KeyId key = 0; key < 100; ++key) timers.register_processing_timer(key, 1000 + key * 100'000);
  for (KeyId key = 0; key < 99; ++key) timers.delete_processing_timer(key, 1000 + key * 100'000);
  EXPECT_EQ(timers.next_processing_timer(), 1000 + 99 * 100'000);
  advance_processing(timers, -5);  // ignored: processing time never moves backwards either
  EXPECT_EQ(timers.current_processing_time(), 0);
  timers.register_processing_timer(1, -7);  // overdue
  EXPECT_EQ(timers.next_processing_timer(), -7);
}

TEST(TimerService, RoundDownFloorsToTheUnitIncludingNegativeTimestamps) {
  EXPECT_EQ(TimerService::round_down(12'345, 1000), 12'000);
  EXPECT_EQ(TimerService::round_down(12'000, 1000), 12'000);
  EXPECT_EQ(TimerService::round_down(0, 1000), 0);
  EXPECT_EQ(TimerService::round_down(-1, 1000), -1000);
  EXPECT_EQ(TimerService::round_down(-1000, 1000), -1000);
  EXPECT_EQ(TimerService::round_down(-1001, 1000), -2000);
  EXPECT_EQ(TimerService::round_down(kMaxTimestamp, 1000), kMaxTimestamp - kMaxTimestamp % 1000);
  EXPECT_EQ(TimerService::round_down(kMinTimestamp, 1000), kMinTimestamp);  // no earlier multiple
  EXPECT_EQ(TimerService::round_down(kMinTimestamp + 1000, 1000) % 1000, 0);
  EXPECT_EQ(TimerService::round_down(77, 1), 77);
  EXPECT_EQ(TimerService::round_down(77, 0), 77);  // no unit: unchanged
  EXPECT_EQ(TimerService::round_down(-77, -5), -77);
}

TEST(TimerService, RoundedTimersCoalesce) {
  TimerService timers;
  for (Timestamp ts = 1001; ts < 2000; ts += 7) {
    timers.register_processing_timer(1, TimerService::round_down(ts, 1000));
  }
  EXPECT_EQ(timers.processing_timer_count(), 1u);
  EXPECT_EQ(advance_processing(timers, 1999), (Fired{{1000, 1}}));  // early, never late
}

TEST(TimerService, NextWatermarkTimerIsTheWatermarkPlusOne) {
  TimerService timers;
  EXPECT_EQ(timers.next_watermark_timer(), kMinTimestamp + 1);
  advance(timers, -10);
  EXPECT_EQ(timers.next_watermark_timer(), -9);
  // Every timer of a key registered at the next watermark coalesces into one.
  timers.register_event_timer(3, timers.next_watermark_timer());
  timers.register_event_timer(3, timers.next_watermark_timer());
  EXPECT_EQ(timers.event_timer_count(), 1u);
  EXPECT_TRUE(advance(timers, -10).empty());
  EXPECT_EQ(advance(timers, -9), (Fired{{-9, 3}}));
}

TEST(TimerService, MovedServiceKeepsItsTimers) {
  TimerService timers;
  timers.register_event_timer(1, 5);
  TimerService moved(std::move(timers));
  TimerService assigned;
  assigned = std::move(moved);
  EXPECT_EQ(advance(assigned, 5), (Fired{{5, 1}}));
}

TEST(TimerService, DeletedTimersDoNotAccumulate) {
  // The timeout operator's pattern: every record moves its key's timer. Lazily deleted wheel
  // entries are swept, so memory stays proportional to the live timers.
  TimerService timers;
  advance(timers, 0);
  const KeyId keys = 1000;
  for (KeyId key = 0; key < keys; ++key) timers.register_event_timer(key, 1'000'000 + key);
  size_t baseline = 0;
  std::mt19937 rng(3);
  std::vector<Timestamp> current(keys);
  for (KeyId key = 0; key < keys; ++key) current[key] = 1'000'000 + key;
  for (int round = 0; round < 200; ++round) {
    for (KeyId key = 0; key < keys; ++key) {
      timers.delete_event_timer(key, current[key]);
      current[key] = 1'000'000 + Timestamp(rng() % 3'600'000);
      timers.register_event_timer(key, current[key]);
    }
    if (round == 20) baseline = timers.memory_bytes();
  }
  EXPECT_EQ(timers.event_timer_count(), keys);
  EXPECT_LT(timers.memory_bytes(), baseline * 2);
  Fired expected;
  for (KeyId key = 0; key < keys; ++key) expected.emplace_back(current[key], key);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(advance(timers, kMaxTimestamp), expected);
}

TEST(TimerService, SweepingDeletedTimersDuringAnAdvanceKeepsTheOrder) {
  // Deleting many timers from a callback sweeps the lazily deleted entries while a due run is
  // half consumed and overdue timers wait in the late queue.
  TimerService timers;
  advance(timers, 0);
  const KeyId due = 3000, far = 12'000;
  for (KeyId key = 0; key < due; ++key) timers.register_event_timer(key, 100);
  for (KeyId key = 0; key < far; ++key) timers.register_event_timer(key, 1'000'000 + key * 1000);
  Fired fired;
  timers.advance_watermark(200, [&](KeyId key, Timestamp ts, TimeDomain) {
    fired.emplace_back(ts, key);
    if (ts == 100 && key == 10) {
      timers.register_event_timer(7, 50);   // late: next in line
      timers.register_event_timer(7, 100);  // fired already: a new timer, next after (50, 7)
      timers.register_event_timer(1, 150);
      for (KeyId k = 0; k < far; ++k) {
        if (k % 4 != 0) timers.delete_event_timer(k, 1'000'000 + k * 1000);
      }
      for (KeyId k = 11; k < due; k += 3) timers.delete_event_timer(k, 100);  // still pending
      timers.register_event_timer(12, 100);  // deleted above, registered again
    }
  });
  Fired expected;
  for (KeyId key = 0; key <= 10; ++key) expected.emplace_back(100, key);
  expected.emplace_back(50, 7);
  expected.emplace_back(100, 7);
  for (KeyId key = 11; key < due; ++key) {
    if ((key - 11) % 3 != 0 || key == 12) expected.emplace_back(100, key);
  }
  expected.emplace_back(150, 1);
  EXPECT_EQ(fired, expected);
  EXPECT_EQ(timers.event_timer_count(), far / 4);
  Fired rest = advance(timers, kMaxTimestamp);
  ASSERT_EQ(rest.size(), far / 4);
  for (size_t i = 0; i < rest.size(); ++i) {
    KeyId key = KeyId(4 * i);
    EXPECT_EQ(rest[i], std::make_pair(Timestamp(1'000'000 + key * 1000), key));
  }
}

TEST(TimerService, ManyTimersPerKeyAndSparseKeysBehaveLikeOneTimerPerKey) {
  // Keys are usually dense ids with one timer each; also cover a key with many timers, keys far
  // apart (hash-like), and keys whose timers were stored before the dense range grew over them.
  TimerService timers;
  Fired expected;
  auto add = [&](KeyId key, Timestamp ts) {
    timers.register_event_timer(key, ts);
    expected.emplace_back(ts, key);
  };
  for (Timestamp ts = 1; ts <= 500; ++ts) add(3, ts * 7);                     // one key, many
  for (KeyId key = 0; key < 20; ++key) add(4'000'000'000u - key, 100 + key);  // sparse
  add(50'000, 10);                                                            // outside, for now
  add(50'000, 20);
  for (KeyId key = 0; key < 100'000; key += 3) add(key, 1000 + key % 777);  // dense range grows
  timers.register_event_timer(50'000, 20);                                  // still registered once
  timers.delete_event_timer(50'000, 10);
  timers.delete_event_timer(3, 7 * 250);
  timers.delete_event_timer(4'000'000'000u, 100);
  std::erase(expected, std::make_pair(Timestamp(10), KeyId(50'000)));
  std::erase(expected, std::make_pair(Timestamp(7 * 250), KeyId(3)));
  std::erase(expected, std::make_pair(Timestamp(100), KeyId(4'000'000'000u)));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(timers.event_timer_count(), expected.size());
  EXPECT_EQ(advance(timers, kMaxTimestamp), expected);
}

TEST(TimerService, PrefetchingTimersChangesNothing) {
  // A key's one timer (its slot), its further ones (the hash set), sparse keys, absent timers.
  TimerService timers;
  timers.register_event_timer(1, 10);
  timers.register_event_timer(1, 20);
  timers.register_event_timer(4'000'000'000u, 15);
  for (auto [key, ts] : {std::pair<KeyId, Timestamp>{1, 10},
                         {1, 20},
                         {4'000'000'000u, 15},
                         {2, 10},
                         {1, 30},
                         {3'000'000'000u, 5}}) {
    timers.prefetch_event_timer(key, ts);
    timers.prefetch_event_timers(key);
  }
  EXPECT_EQ(timers.event_timer_count(), 3u);
  EXPECT_EQ(advance(timers, 100), (Fired{{10, 1}, {15, 4'000'000'000u}, {20, 1}}));
}

TEST(TimerService, NamesTheTimersComingDueAndTheNextBlockAhead) {
  TimerService timers;
  timers.track_event_timers_due_soon();
  // Blocks of 64 ms: [0, 64), [64, 128), [128, 192).
  for (auto [ts, key] : Fired{{10, 1}, {40, 2}, {70, 3}, {100, 4}, {130, 5}, {5000, 6}})
    timers.register_event_timer(key, ts);
  KeyId key;
  Timestamp at;
  ASSERT_TRUE(timers.pop_event_timer(10, key, at));
  EXPECT_EQ(key, 1u);
  EXPECT_FALSE(timers.pop_event_timer(10, key, at));
  // The timers of the block now firing came within 64 ms; the next block is read ahead.
  auto soon = timers.event_timers_due_soon();
  std::sort(soon.begin(), soon.end());
  EXPECT_EQ(soon, (Fired{{10, 1}, {40, 2}}));
  timers.event_timers_due_soon().clear();
  std::vector<std::pair<Timestamp, KeyId>> upcoming;
  EXPECT_EQ(timers.upcoming_event_timers(upcoming), 127);
  std::sort(upcoming.begin(), upcoming.end());
  EXPECT_EQ(upcoming, (Fired{{70, 3}, {100, 4}}));
  // Reading ahead changes nothing: the timers fire as before, and come due soon as before.
  EXPECT_EQ(advance(timers, 100), (Fired{{40, 2}, {70, 3}, {100, 4}}));
  upcoming.clear();
  EXPECT_EQ(timers.upcoming_event_timers(upcoming), 191);
  EXPECT_EQ(upcoming, (Fired{{130, 5}}));
  soon = timers.event_timers_due_soon();
  std::sort(soon.begin(), soon.end());
  EXPECT_EQ(soon, (Fired{{70, 3}, {100, 4}}));
  EXPECT_EQ(advance(timers, 1000), (Fired{{130, 5}}));
  upcoming.clear();
  EXPECT_EQ(timers.upcoming_event_timers(upcoming), kMinTimestamp);  // 5000: further than that
  EXPECT_TRUE(upcoming.empty());
}

TEST(TimerService, MemoryBytesGrowsWithTimers) {
  TimerService timers;
  size_t empty = timers.memory_bytes();
  EXPECT_GT(empty, 0u);
  for (KeyId key = 0; key < 100'000; ++key) timers.register_event_timer(key, key * 37);
  EXPECT_GT(timers.memory_bytes(), empty + 100'000 * 16);
}

// --- checkpoints ------------------------------------------------------------------------------

// The same service driven twice: once straight through, once snapshotted and restored into a
// fresh service before every advance. The firing sequences must be equal.
TEST(TimerService, SnapshotRestoreMidStreamGivesTheSameFiringSequence) {
  auto run = [](bool restore_each_step) {
    TimerService timers;
    advance(timers, 100);
    advance_processing(timers, 5);
    std::mt19937_64 rng(11);
    Fired fired, fired_processing;
    for (int step = 0; step < 200; ++step) {
      for (int i = 0; i < 50; ++i) {
        KeyId key = KeyId(rng() % 40);
        Timestamp ts = timers.current_watermark() + Timestamp(rng() % 5000) - 100;
        timers.register_event_timer(key, ts);
        timers.register_processing_timer(
            key, timers.current_processing_time() + Timestamp(rng() % 3000));
        if (rng() % 4 == 0) timers.delete_event_timer(KeyId(rng() % 40), ts);
      }
      if (restore_each_step) {
        std::string blob = timers.snapshot();
        TimerService restored;
        EXPECT_TRUE(restored.restore(blob));
        EXPECT_EQ(restored.snapshot(), blob);
        timers = std::move(restored);
      }
      Timestamp watermark = timers.current_watermark() + Timestamp(rng() % 300);
      timers.advance_watermark(watermark, [&](KeyId key, Timestamp ts, TimeDomain) {
        fired.emplace_back(ts, key);
        if (key % 3 == 0) timers.register_event_timer(key + 1, ts + 1);  // chained, same advance
      });
      Fired p = advance_processing(timers, timers.current_processing_time() + 100);
      fired_processing.insert(fired_processing.end(), p.begin(), p.end());
    }
    Fired rest = advance(timers, kMaxTimestamp);
    fired.insert(fired.end(), rest.begin(), rest.end());
    return std::make_pair(fired, fired_processing);
  };
  auto straight = run(false);
  auto restored = run(true);
  EXPECT_GT(straight.first.size(), 1000u);
  EXPECT_EQ(straight, restored);
}

TEST(TimerService, SnapshotRoundTripPreservesClocksTimersAndOverdueTimers) {
  TimerService timers;
  advance(timers, -500);
  advance_processing(timers, 1'700'000'000'000);
  timers.register_event_timer(4, -600);  // overdue, not yet fired
  timers.register_event_timer(1, kMaxTimestamp);
  timers.register_event_timer(2, 0);
  timers.register_processing_timer(9, 1'700'000'000'001);
  TimerService restored;
  restored.register_event_timer(77, 1);  // replaced by the restore
  ASSERT_TRUE(restored.restore(timers.snapshot()));
  EXPECT_EQ(restored.current_watermark(), -500);
  EXPECT_EQ(restored.current_processing_time(), 1'700'000'000'000);
  EXPECT_EQ(restored.event_timer_count(), 3u);
  EXPECT_EQ(restored.processing_timer_count(), 1u);
  EXPECT_EQ(restored.next_processing_timer(), 1'700'000'000'001);
  EXPECT_EQ(advance(restored, -500), (Fired{{-600, 4}}));
  EXPECT_EQ(advance(restored, kMaxTimestamp), (Fired{{0, 2}, {kMaxTimestamp, 1}}));
}

TEST(TimerService, SnapshotOfManyTimersRoundTripsInTimestampKeyOrder) {
  // Large enough for the radix sort, over the whole time range and with sparse keys.
  std::mt19937_64 rng(17);
  TimerService timers;
  Fired expected;
  for (int i = 0; i < 50'000; ++i) {
    KeyId key = i % 2 ? KeyId(rng()) : KeyId(rng() % 1000);
    Timestamp ts = i % 3 ? Timestamp(rng()) : Timestamp(rng() % 100);
    timers.register_event_timer(key, ts);
    timers.register_processing_timer(key, ts);
    expected.emplace_back(ts, key);
  }
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  std::string blob = timers.snapshot();
  TimerService restored;
  ASSERT_TRUE(restored.restore(blob));  // restore insists on strictly increasing entries
  EXPECT_EQ(advance(restored, kMaxTimestamp), expected);
  EXPECT_EQ(advance_processing(restored, kMaxTimestamp), expected);
}

// Format constants (see timer_service.cpp) to build blobs that pass the checksum.
uint64_t checksum(std::string_view bytes) {
  uint64_t h = 0x243F6A8885A308D3ull ^ bytes.size();
  for (size_t i = 0; i < bytes.size(); i += 8) {
    uint64_t word = 0;
    for (size_t j = 0; j < 8 && i + j < bytes.size(); ++j) {
      word |= uint64_t(uint8_t(bytes[i + j])) << (8 * j);
    }
    h = (h ^ word) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 32;
  }
  return h;
}

void put_le(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(char((value >> (8 * i)) & 0xff));
}

std::string with_checksum(std::string body) {
  put_le(body, checksum(body), 8);
  return body;
}

std::string blob_of(uint32_t version, uint64_t event_count, uint64_t processing_count,
                    const std::vector<std::pair<Timestamp, KeyId>>& entries) {
  std::string body = "EDTM";
  put_le(body, version, 4);
  put_le(body, uint64_t(Timestamp(10)), 8);
  put_le(body, uint64_t(Timestamp(20)), 8);
  put_le(body, event_count, 8);
  put_le(body, processing_count, 8);
  for (const auto& [ts, key] : entries) {
    put_le(body, uint64_t(ts), 8);
    put_le(body, key, 4);
  }
  return with_checksum(body);
}

void expect_rejected_and_empty(std::string_view blob) {
  TimerService timers;
  timers.register_event_timer(1, 1);
  advance(timers, 0);
  ASSERT_FALSE(timers.restore(blob));
  EXPECT_EQ(timers.event_timer_count(), 0u);
  EXPECT_EQ(timers.processing_timer_count(), 0u);
  EXPECT_EQ(timers.current_watermark(), kMinTimestamp);
  EXPECT_EQ(timers.current_processing_time(), kMinTimestamp);
}

TEST(TimerService, WellFormedHandBuiltBlobIsAccepted) {
  TimerService timers;
  ASSERT_TRUE(timers.restore(blob_of(1, 1, 1, {{30, 2}, {25, 1}})));
  EXPECT_EQ(timers.current_watermark(), 10);
  EXPECT_EQ(timers.current_processing_time(), 20);
  EXPECT_EQ(advance(timers, 30), (Fired{{30, 2}}));
  EXPECT_EQ(advance_processing(timers, 30), (Fired{{25, 1}}));
}

TEST(TimerService, MalformedSnapshotsAreRejectedAndLeaveTheServiceEmpty) {
  expect_rejected_and_empty("");
  expect_rejected_and_empty("EDTM");
  expect_rejected_and_empty(blob_of(2, 0, 0, {}));                   // unknown version
  expect_rejected_and_empty(blob_of(1, 2, 0, {{1, 1}}));             // count > entries
  expect_rejected_and_empty(blob_of(1, 0, 0, {{1, 1}}));             // trailing entry
  expect_rejected_and_empty(blob_of(1, ~uint64_t(0), 1, {{1, 1}}));  // overflowing counts
  expect_rejected_and_empty(blob_of(1, uint64_t(1) << 62, uint64_t(1) << 62, {}));
  expect_rejected_and_empty(blob_of(1, 2, 0, {{5, 1}, {5, 1}}));  // duplicate
  expect_rejected_and_empty(blob_of(1, 2, 0, {{5, 2}, {5, 1}}));  // out of order
  std::string bad_magic = blob_of(1, 0, 0, {});
  bad_magic[0] = 'X';
  expect_rejected_and_empty(bad_magic);

  TimerService source;
  advance(source, 1000);
  for (KeyId key = 0; key < 20; ++key) {
    source.register_event_timer(key, 1000 + key * 977);
    source.register_processing_timer(key, key * 13);
  }
  const std::string good = source.snapshot();
  for (size_t n = 0; n < good.size(); ++n) expect_rejected_and_empty(good.substr(0, n));
  expect_rejected_and_empty(good + '\0');
  for (size_t i = 0; i < good.size(); ++i) {  // any flipped bit is caught by the checksum
    std::string flipped = good;
    flipped[i] = char(flipped[i] ^ (1 << (i % 8)));
    expect_rejected_and_empty(flipped);
  }
  std::mt19937_64 rng(5);
  for (int i = 0; i < 2000; ++i) {
    std::string noise(rng() % 200, '\0');
    for (char& c : noise) c = char(rng());
    if (i % 2 == 0 && noise.size() >= 4)
      std::memcpy(noise.data(), "EDTM\1\0\0\0", std::min<size_t>(8, noise.size()));
    expect_rejected_and_empty(noise);
  }
  TimerService timers;
  EXPECT_TRUE(timers.restore(good));
  EXPECT_EQ(timers.snapshot(), good);
}

// --- differential test ------------------------------------------------------------------------

// A plain ordered set per domain: what the timer service must behave like.
struct Reference {
  std::set<std::pair<Timestamp, KeyId>> timers[2];
  Timestamp now[2] = {kMinTimestamp, kMinTimestamp};
};

Timestamp saturating_add(Timestamp a, int64_t b) {
  Timestamp out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? kMaxTimestamp : kMinTimestamp;
  return out;
}

Timestamp random_time(std::mt19937_64& rng, Timestamp base) {
  switch (rng() % 20) {
    case 0:
      return Timestamp(rng());  // anywhere in the int64 range
    case 1: {
      const Timestamp extremes[] = {kMinTimestamp,     kMinTimestamp + 1, -1, 0, 1,
                                    kMaxTimestamp - 1, kMaxTimestamp};
      return extremes[rng() % 7];
    }
    case 2:
      return saturating_add(base, int64_t(rng() % 1'000'000'000'000));
    case 3:
    case 4:
      return saturating_add(base, int64_t(rng() % 1'000'000));
    case 5:
      return saturating_add(base, -int64_t(rng() % 1'000'000));
    case 6:
    case 7:
      return saturating_add(base, int64_t(rng() % 5000));
    default:
      return saturating_add(base, int64_t(rng() % 300) - 30);
  }
}

struct Workload {
  uint64_t seed;
  int operations;
  int episode_length;  // a fresh service (and a random start time) every this many operations
  uint32_t keys;
  int register_percent;
  int delete_percent;          // the rest advances a clock
  int64_t horizon = 0;         // if set, half the registrations land up to this far ahead and the
                               // clocks only move in small steps
  int restore_per_mille = 10;  // operations that snapshot and restore into a fresh service
};

// Runs random register / delete / advance / pop / snapshot-restore operations against both the
// service and the reference, in lockstep, comparing every fired timer. Returns the fired count.
size_t run_against_reference(const Workload& w) {
  std::mt19937_64 rng(w.seed);
  auto timers = std::make_unique<TimerService>();
  Reference ref;
  std::vector<std::pair<Timestamp, KeyId>> recent;  // delete candidates, possibly stale
  auto random_key = [&] { return rng() % 50 == 0 ? KeyId(rng()) : KeyId(rng() % w.keys); };
  auto add = [&](int d, KeyId key, Timestamp ts) {
    if (d == 0)
      timers->register_event_timer(key, ts);
    else
      timers->register_processing_timer(key, ts);
    ref.timers[d].emplace(ts, key);
    recent.emplace_back(ts, key);
    if (recent.size() > 8192) recent.erase(recent.begin(), recent.begin() + 4096);
  };
  auto remove = [&](int d, KeyId key, Timestamp ts) {
    if (d == 0)
      timers->delete_event_timer(key, ts);
    else
      timers->delete_processing_timer(key, ts);
    ref.timers[d].erase({ts, key});
  };
  auto pop = [&](int d, Timestamp target, KeyId& key, Timestamp& ts) {
    return d == 0 ? timers->pop_event_timer(target, key, ts)
                  : timers->pop_processing_timer(target, key, ts);
  };
  size_t fired = 0;
  for (int op = 0; op < w.operations; ++op) {
    if (op % w.episode_length == 0) {  // a new episode from a random starting time
      timers = std::make_unique<TimerService>();
      ref = Reference{};
      recent.clear();
      if (op % (2 * w.episode_length) == 0) {
        Timestamp start = random_time(rng, 0);
        if (start == kMaxTimestamp) start = 0;
        KeyId k;
        Timestamp t;
        EXPECT_FALSE(timers->pop_event_timer(start, k, t));
        ref.now[0] = start;
      }
    }
    const int d = rng() % 4 == 0 ? 1 : 0;
    const uint64_t action = rng() % 100;
    if (rng() % 1000 < uint64_t(w.restore_per_mille)) {
      std::string blob = timers->snapshot();
      timers = std::make_unique<TimerService>();
      if (!timers->restore(blob)) {
        ADD_FAILURE() << "op " << op << ": restore failed";
        return fired;
      }
    } else if (action < uint64_t(w.register_percent)) {
      add(d, random_key(),
          w.horizon > 0 && rng() % 2 == 0 ? saturating_add(ref.now[d], int64_t(rng() % w.horizon))
                                          : random_time(rng, ref.now[d]));
    } else if (action < uint64_t(w.register_percent + w.delete_percent)) {
      if (!recent.empty() && rng() % 4 != 0) {
        size_t i = rng() % recent.size();
        auto [ts, key] = recent[i];
        recent[i] = recent.back();
        recent.pop_back();
        remove(d, key, ts);
      } else {
        remove(d, random_key(), random_time(rng, ref.now[d]));
      }
    } else {
      // Mostly small steps; without a horizon also wild jumps (any time, end of input).
      Timestamp target = saturating_add(ref.now[d], int64_t(rng() % 400) - 20);
      if (w.horizon == 0 && rng() % 10 == 0) target = random_time(rng, ref.now[d]);
      if (w.horizon == 0 && rng() % 500 == 0) target = kMaxTimestamp;
      Timestamp until = std::max(target, ref.now[d]);
      ref.now[d] = until;
      for (;;) {
        KeyId key = 0;
        Timestamp ts = 0;
        bool got = pop(d, target, key, ts);
        auto& pending = ref.timers[d];
        bool expected = !pending.empty() && pending.begin()->first <= until;
        if (got != expected || (got && std::make_pair(ts, key) != *pending.begin())) {
          ADD_FAILURE() << "op " << op << ": popped " << got << " (" << ts << ", " << key
                        << "), expected " << expected;
          return fired;
        }
        if (!got) break;
        pending.erase(pending.begin());
        ++fired;
        // What a callback might do between pops.
        switch (rng() % 8) {
          case 0:
            add(d, random_key(), saturating_add(ts, int64_t(rng() % 60) - 20));
            break;
          case 1:
            add(d, key, until);
            break;
          case 2:
            add(d, random_key(), random_time(rng, until));
            break;
          case 3:
            if (!pending.empty()) remove(d, pending.begin()->second, pending.begin()->first);
            break;
          case 4:
            add(1 - d, random_key(), random_time(rng, ref.now[1 - d]));
            break;
          default:
            break;
        }
      }
      EXPECT_EQ(d == 0 ? timers->current_watermark() : timers->current_processing_time(), until);
    }
    Timestamp next = ref.timers[1].empty() ? kMaxTimestamp : ref.timers[1].begin()->first;
    if (timers->event_timer_count() != ref.timers[0].size() ||
        timers->processing_timer_count() != ref.timers[1].size() ||
        timers->next_processing_timer() != next) {
      ADD_FAILURE() << "op " << op << ": counts or next processing timer differ";
      return fired;
    }
  }
  return fired;
}

TEST(TimerService, MatchesAnOrderedSetOverRandomOperations) {
  size_t fired = run_against_reference({.seed = 20240601,
                                        .operations = 100'000,
                                        .episode_length = 5000,
                                        .keys = 40,
                                        .register_percent = 45,
                                        .delete_percent = 15});
  EXPECT_GT(fired, 20'000u);
}

TEST(TimerService, MatchesAnOrderedSetUnderHeavyDeleteChurn) {
  // Enough deletes of enough timers that lazy deletion compacts the wheel, also mid-advance.
  size_t fired = run_against_reference({.seed = 99,
                                        .operations = 200'000,
                                        .episode_length = 100'000,
                                        .keys = 20'000,
                                        .register_percent = 40,
                                        .delete_percent = 50,
                                        .horizon = 10'000'000,
                                        .restore_per_mille = 0});
  EXPECT_GT(fired, 5'000u);
}

}  // namespace
}  // namespace eddy
