// The datagen connector: deterministic by seed whatever the batch size, bounded by
// number-of-rows and sequences, paced by the query clock, options checked against the schema.
#include <set>

#include "connector_test_util.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Schema schema() {
  return make_schema({{"id", Type::int64()},
                      {"name", Type::string()},
                      {"price", Type::decimal(8, 2)},
                      {"score", Type::float64()},
                      {"ok", Type::boolean()},
                      {"n", Type::int32()},
                      {"ts", Type::timestamp()}});
}

std::unique_ptr<Source> open(const Schema& s, std::map<std::string, std::string> options,
                             const Clock* clock) {
  options["connector"] = "datagen";
  auto source = open_source(make_context(s, options, clock));
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

std::string open_error(const Schema& s, std::map<std::string, std::string> options) {
  options["connector"] = "datagen";
  Status st = validate_connector(make_context(s, options), false);
  return st ? "" : st.error().message;
}

TEST(DatagenSource, DeterministicBySeedWhateverTheBatchSize) {
  ManualClock clock(1'700'000'000'000);
  std::map<std::string, std::string> options{{"rows-per-second", "0"}, {"number-of-rows", "50"}};
  auto a = read_all(*open(schema(), options, &clock), schema(), 1000);
  auto b = read_all(*open(schema(), options, &clock), schema(), 1);
  auto c = read_all(*open(schema(), options, &clock), schema(), 7);
  ASSERT_EQ(a.size(), 50u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  options["seed"] = "1";
  auto d = read_all(*open(schema(), options, &clock), schema(), 1000);
  EXPECT_NE(a, d);
  // Timestamps default to the clock's now.
  EXPECT_THAT(a[0], HasSubstr("|2023-11-14 22:13:20.000"));
}

TEST(DatagenSource, RandomValuesRespectOptions) {
  ManualClock clock(1'000'000);
  Schema s = make_schema({{"n", Type::int32()},
                          {"p", Type::decimal(6, 2)},
                          {"d", Type::float64()},
                          {"name", Type::string()},
                          {"ts", Type::timestamp()},
                          {"maybe", Type::int64()}});
  auto source = open(s,
                     {{"rows-per-second", "0"},
                      {"number-of-rows", "2000"},
                      {"fields.n.min", "-3"},
                      {"fields.n.max", "3"},
                      {"fields.p.min", "1.50"},
                      {"fields.p.max", "2"},
                      {"fields.d.min", "10"},
                      {"fields.d.max", "20"},
                      {"fields.name.length", "4"},
                      {"fields.ts.max-past", "1 min"},
                      {"fields.maybe.null-rate", "0.5"}},
                     &clock);
  Batch batch = Batch::with_schema(s);
  ASSERT_EQ(source->next(batch, 5000), SourceStatus::Data);
  ASSERT_EQ(batch.rows, 2000u);
  expect_consistent(batch);
  std::set<int64_t> ns;
  size_t nulls = 0;
  for (size_t r = 0; r < batch.rows; ++r) {
    const int64_t n = batch.columns[0].ints[r];
    ns.insert(n);
    EXPECT_GE(batch.columns[1].ints[r], 150);
    EXPECT_LE(batch.columns[1].ints[r], 200);
    EXPECT_GE(batch.columns[2].doubles[r], 10.0);
    EXPECT_LT(batch.columns[2].doubles[r], 20.0);
    EXPECT_EQ(batch.columns[3].strings[r].size(), 4u);
    EXPECT_LE(batch.columns[4].ints[r], 1'000'000);
    EXPECT_GE(batch.columns[4].ints[r], 1'000'000 - 60'000);
    nulls += batch.columns[5].is_null(r);
  }
  EXPECT_EQ(ns, (std::set<int64_t>{-3, -2, -1, 0, 1, 2, 3}));
  EXPECT_GT(nulls, 800u);
  EXPECT_LT(nulls, 1200u);
  EXPECT_EQ(source->next(batch, 10), SourceStatus::End);
}

TEST(DatagenSource, SequencesBoundTheSource) {
  ManualClock clock(0);
  Schema s =
      make_schema({{"id", Type::int32()}, {"label", Type::string()}, {"ts", Type::timestamp()}});
  auto rows = read_all(*open(s,
                             {{"rows-per-second", "0"},
                              {"fields.id.kind", "sequence"},
                              {"fields.id.start", "1"},
                              {"fields.id.end", "5"},
                              {"fields.label.kind", "sequence"},
                              {"fields.label.start", "100"},
                              {"fields.label.step", "10"},
                              {"fields.ts.kind", "sequence"},
                              {"fields.ts.start", "2024-01-01 00:00:00"},
                              {"fields.ts.step", "30 s"}},
                             &clock),
                       s, 2);
  EXPECT_THAT(rows, ElementsAre("1|100|2024-01-01 00:00:00.000", "2|110|2024-01-01 00:00:30.000",
                                "3|120|2024-01-01 00:01:00.000", "4|130|2024-01-01 00:01:30.000",
                                "5|140|2024-01-01 00:02:00.000"));
  // number-of-rows can end it earlier.
  auto fewer = read_all(*open(s,
                              {{"rows-per-second", "0"},
                               {"number-of-rows", "2"},
                               {"fields.id.kind", "sequence"},
                               {"fields.id.start", "1"},
                               {"fields.id.end", "5"}},
                              &clock),
                        s);
  EXPECT_EQ(fewer.size(), 2u);
}

// A sequence never leaves its column's type: the rows in range come, then an error.
TEST(DatagenSource, SequencesStayInTheirType) {
  ManualClock clock(0);
  Schema s = make_schema({{"n", Type::int32()}});
  for (size_t batch : {size_t(1), size_t(2), size_t(1024)}) {
    auto source = open(s,
                       {{"rows-per-second", "0"},
                        {"number-of-rows", "5"},
                        {"fields.n.kind", "sequence"},
                        {"fields.n.start", "2147483645"}},
                       &clock);
    std::vector<std::string> rows;
    std::string error;
    try {
      for (;;) {
        Batch b = Batch::with_schema(s);
        SourceStatus st = source->next(b, batch);
        for (size_t r = 0; r < b.rows; ++r) rows.push_back(row_text(b, r));
        if (st == SourceStatus::End) break;
      }
    } catch (const Failure& f) {
      error = f.error().message;
      EXPECT_EQ(f.error().kind, Error::Kind::Runtime);
    }
    EXPECT_THAT(rows, ElementsAre("2147483645", "2147483646", "2147483647")) << batch;
    EXPECT_EQ(error,
              "stream 's': the sequence of column 'n' (from '2147483645') leaves the range of INT "
              "after 3 rows: the largest INT is 2147483647");
  }
  // A step that jumps past the edge; the first column to leave its type ends the source.
  Schema two = make_schema({{"n", Type::int32()}, {"b", Type::int64()}});
  auto jumping = open(two,
                      {{"rows-per-second", "0"},
                       {"fields.n.kind", "sequence"},
                       {"fields.n.start", "2000000000"},
                       {"fields.n.step", "50000000"},
                       {"fields.b.kind", "sequence"},
                       {"fields.b.start", "9223372036854775806"}},
                      &clock);
  EXPECT_THAT(read_error(*jumping, two),
              HasSubstr("column 'b' (from '9223372036854775806') leaves the range of BIGINT after "
                        "2 rows: the largest BIGINT is 9223372036854775807"));
  // DECIMAL counts in its own precision, by one unit (1.0) unless told.
  Schema d = make_schema({{"p", Type::decimal(3, 1)}});
  EXPECT_THAT(
      read_error(
          *open(d,
                {{"rows-per-second", "0"}, {"fields.p.kind", "sequence"}, {"fields.p.start", "90"}},
                &clock),
          d),
      HasSubstr("column 'p' (from '90') leaves the range of DECIMAL(3, 1) after 10 "
                "rows: the largest DECIMAL(3, 1) is 99.9"));
  // Bounded by 'end', or by number-of-rows before the edge: no error.
  EXPECT_EQ(read_all(*open(s,
                           {{"rows-per-second", "0"},
                            {"number-of-rows", "2"},
                            {"fields.n.kind", "sequence"},
                            {"fields.n.start", "2147483646"}},
                           &clock),
                     s)
                .size(),
            2u);
  EXPECT_EQ(read_all(*open(s,
                           {{"rows-per-second", "0"},
                            {"fields.n.kind", "sequence"},
                            {"fields.n.start", "2147483640"},
                            {"fields.n.end", "2147483647"}},
                           &clock),
                     s)
                .size(),
            8u);
  // Bounds outside the type are errors at CREATE.
  EXPECT_THAT(open_error(s, {{"fields.n.kind", "sequence"}, {"fields.n.start", "2147483648"}}),
              HasSubstr("out of range for INT"));
  EXPECT_THAT(open_error(s, {{"fields.n.kind", "sequence"},
                             {"fields.n.start", "1"},
                             {"fields.n.end", "2147483648"}}),
              HasSubstr("out of range for INT"));
  EXPECT_THAT(open_error(s, {{"fields.n.min", "-2147483649"}}), HasSubstr("out of range for INT"));
  EXPECT_THAT(open_error(s, {{"fields.n.max", "2147483648"}}), HasSubstr("out of range for INT"));
}

TEST(DatagenSource, RateFollowsTheManualClock) {
  ManualClock clock(10'000);
  Schema s = make_schema({{"id", Type::int64()}});
  auto source = open(s,
                     {{"rows-per-second", "10"},
                      {"number-of-rows", "25"},
                      {"fields.id.kind", "sequence"},
                      {"fields.id.start", "0"}},
                     &clock);
  auto take = [&](size_t max_rows) {
    Batch b = Batch::with_schema(s);
    SourceStatus st = source->next(b, max_rows);
    return std::make_pair(st, b.rows);
  };
  EXPECT_EQ(take(100), std::make_pair(SourceStatus::Data, size_t(1)));  // row 0 is due at once
  EXPECT_EQ(take(100), std::make_pair(SourceStatus::Idle, size_t(0)));
  clock.advance(99);
  EXPECT_EQ(take(100).first, SourceStatus::Idle);
  clock.advance(1);  // 100 ms: row 1
  EXPECT_EQ(take(100), std::make_pair(SourceStatus::Data, size_t(1)));
  clock.advance(1000);  // ten more
  EXPECT_EQ(take(4), std::make_pair(SourceStatus::Data, size_t(4)));
  EXPECT_EQ(take(100), std::make_pair(SourceStatus::Data, size_t(6)));
  clock.advance(100'000);  // far ahead: only the remaining 13 rows
  EXPECT_EQ(take(100), std::make_pair(SourceStatus::Data, size_t(13)));
  EXPECT_EQ(take(100).first, SourceStatus::End);
}

TEST(DatagenSource, OptionsAreCheckedAgainstTheSchema) {
  Schema s = schema();
  EXPECT_EQ(open_error(s, {{"fields.nme.length", "3"}}),
            "stream 's': option 'fields.nme.length' names no column 'nme' (did you mean 'name'?)");
  EXPECT_EQ(open_error(s, {{"fields.name.lenght", "3"}}),
            "stream 's': unknown option 'fields.name.lenght': no datagen property 'lenght' (did "
            "you mean 'length'?)");
  EXPECT_EQ(open_error(s, {{"fields.id.length", "3"}}),
            "stream 's': option 'fields.id.length' = '3': applies only to random STRING columns");
  EXPECT_EQ(open_error(s, {{"fields.n.min", "5"}, {"fields.n.max", "1"}}),
            "stream 's': option 'fields.n.min' = '5': is greater than 'max'");
  EXPECT_EQ(open_error(s, {{"fields.n.max", "3000000000"}}),
            "stream 's': option 'fields.n.max' = '3000000000': value '3000000000' is out of range "
            "for INT");
  EXPECT_EQ(open_error(s, {{"fields.id.kind", "sequence"}}),
            "stream 's': 'fields.id.kind' = 'sequence' needs 'fields.id.start'");
  EXPECT_EQ(open_error(s, {{"fields.ok.kind", "sequence"}, {"fields.ok.start", "1"}}),
            "stream 's': option 'fields.ok.kind' = 'sequence': a sequence cannot generate BOOLEAN");
  EXPECT_EQ(open_error(s, {{"fields.id.start", "1"}}),
            "stream 's': option 'fields.id.start' = '1': applies only to 'kind' = 'sequence'");
  EXPECT_EQ(open_error(s, {{"fields.id.null-rate", "2"}}),
            "stream 's': option 'fields.id.null-rate' = '2': expected a number between 0 and 1");
  EXPECT_EQ(open_error(s, {{"rows-per-second", "-1"}}),
            "stream 's': option 'rows-per-second' = '-1': expected a non-negative integer");
  EXPECT_EQ(open_error(s, {{"fields.ts.max-past", "soon"}}),
            "stream 's': option 'fields.ts.max-past' = 'soon': expected a duration such as '10 s'");
  EXPECT_EQ(open_error(s, {{"rows-per-second", "5"}, {"fields.id.kind", "random"}}), "");
}

TEST(DatagenSource, IsNotASink) {
  Status st = validate_connector(make_context(schema(), {{"connector", "datagen"}}), true);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message,
            "stream 's': connector 'datagen' cannot be written to (it is a source)");
}

}  // namespace
}  // namespace eddy
