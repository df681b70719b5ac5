// String functions: Flink semantics, UTF-8 character counting, NULL handling.
#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

std::string call(const std::string& name, std::vector<ExprPtr> a) {
  return text(fn(name, std::move(a)));
}

TEST(StringFunctions, CaseMapping) {
  EXPECT_EQ(call("LOWER", args(str("HeLLo"))), "hello");
  EXPECT_EQ(call("UPPER", args(str("straße"))), "STRAßE");
  EXPECT_EQ(call("UPPER", args(str("émile zola"))), "ÉMILE ZOLA");
  EXPECT_EQ(call("LOWER", args(str("ΑΒΓ ДЖ"))), "αβγ дж");
  EXPECT_EQ(call("UPPER", args(str("日本"))), "日本");
  EXPECT_EQ(call("INITCAP", args(str("hello wORLD-foo bar_baz"))), "Hello World-Foo Bar_Baz");
}

TEST(StringFunctions, MalformedUtf8BytesAreCharactersOfTheirOwn) {
  // Bytes that are not UTF-8 (from rows given by code: sources and SQL text are validated) are
  // kept as they are, one character each, and never swallow the characters after them. (Octal
  // escapes: \377 is 0xff, \376 0xfe, \303 0xc3, \351 0xe9; \355\240\200 is a surrogate.)
  const std::string bad = "\377\376abc";
  EXPECT_EQ(call("UPPER", args(str(bad))), "\377\376ABC");
  EXPECT_EQ(call("LOWER", args(str("\303AB"))), "\303ab");  // a sequence cut short
  EXPECT_EQ(call("INITCAP", args(str("\351T\351 x"))), "\351t\351 X");
  EXPECT_EQ(call("CHAR_LENGTH", args(str(bad))), "5");
  EXPECT_EQ(call("SUBSTRING", args(str(bad), lit(3))), "abc");
  EXPECT_EQ(call("SUBSTRING", args(str(bad), lit(2), lit(2))), "\376a");
  EXPECT_EQ(call("REVERSE", args(str(bad))), "cba\376\377");
  EXPECT_EQ(call("TRIM", args(str("\377x\377"), str("\377"))), "x");
  EXPECT_EQ(call("UPPER", args(str("\355\240\200z"))), "\355\240\200Z");
}

TEST(StringFunctions, LengthCountsCharacters) {
  EXPECT_EQ(call("CHAR_LENGTH", args(str("naïve"))), "5");
  EXPECT_EQ(call("LENGTH", args(str("日本語"))), "3");
  EXPECT_EQ(call("CHARACTER_LENGTH", args(str(""))), "0");
  EXPECT_EQ(fn("CHAR_LENGTH", args(str("x")))->type(), Type::int32());
}

TEST(StringFunctions, SubstringIsOneBasedAndUtf8Aware) {
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(2))), "ello");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(2), lit(3))), "ell");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(0), lit(2))), "he");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(-3))), "llo");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(-3), lit(2))), "ll");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(10))), "");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), lit(2), lit(100))), "ello");
  EXPECT_EQ(call("SUBSTR", args(str("日本語テキスト"), lit(2), lit(3))), "本語テ");
  EXPECT_EQ(call("SUBSTRING", args(str("hello"), null_lit())), "NULL");
}

TEST(StringFunctions, ConcatVariants) {
  EXPECT_EQ(call("CONCAT", args(str("a"), str("b"), str("c"))), "abc");
  EXPECT_EQ(call("CONCAT", args(str("a"), null_lit(), str("c"))), "NULL");
  EXPECT_EQ(call("CONCAT_WS", args(str("~"), str("AA"), str("BB"), str(""), str("CC"))),
            "AA~BB~~CC");
  EXPECT_EQ(call("CONCAT_WS", args(str("-"), str("a"), null_lit(), str("c"))), "a-c");
  EXPECT_EQ(call("CONCAT_WS", args(null_lit(), str("a"), str("b"))), "NULL");
  EXPECT_NE(bind_error(make_function("CONCAT", args(str("a"), lit(1)))), "");
}

TEST(StringFunctions, TrimPadReplaceReverse) {
  EXPECT_EQ(call("TRIM", args(str("  hi  "))), "hi");
  EXPECT_EQ(call("LTRIM", args(str("  hi  "))), "hi  ");
  EXPECT_EQ(call("RTRIM", args(str("  hi  "))), "  hi");
  EXPECT_EQ(call("TRIM", args(str("xxhixx"), str("x"))), "hi");
  EXPECT_EQ(call("TRIM", args(str("\thi\t"))), "\thi\t");  // spaces only, as Flink
  EXPECT_EQ(call("LPAD", args(str("hi"), lit(4), str("??"))), "??hi");
  EXPECT_EQ(call("LPAD", args(str("hi"), lit(1), str("??"))), "h");
  EXPECT_EQ(call("RPAD", args(str("hi"), lit(5), str("ab"))), "hiaba");
  EXPECT_EQ(call("LPAD", args(str("日本"), lit(4), str("語"))), "語語日本");
  EXPECT_EQ(call("LPAD", args(str("hi"), lit(-1), str("?"))), "NULL");
  EXPECT_EQ(call("REPLACE", args(str("hello world"), str("o"), str("0"))), "hell0 w0rld");
  EXPECT_EQ(call("REPLACE", args(str("ababab"), str("abab"), str("z"))), "zab");
  EXPECT_EQ(call("REPLACE", args(str("abc"), str(""), str("z"))), "abc");
  EXPECT_EQ(call("REVERSE", args(str("añb日"))), "日bña");
  EXPECT_EQ(call("REPEAT", args(str("ab"), lit(3))), "ababab");
  EXPECT_EQ(call("LEFT", args(str("héllo"), lit(2))), "hé");
  EXPECT_EQ(call("RIGHT", args(str("héllo"), lit(3))), "llo");
}

TEST(StringFunctions, PositionAndSplit) {
  EXPECT_EQ(call("POSITION", args(str("lo"), str("hello"))), "4");
  EXPECT_EQ(call("POSITION", args(str("x"), str("hello"))), "0");
  EXPECT_EQ(call("POSITION", args(str("語"), str("日本語"))), "3");
  EXPECT_EQ(call("POSITION", args(str(""), str("abc"))), "1");
  EXPECT_EQ(call("LOCATE", args(str("a"), str("banana"), lit(3))), "4");
  EXPECT_EQ(call("INSTR", args(str("banana"), str("nan"))), "3");
  EXPECT_EQ(call("SPLIT_INDEX", args(str("a,b,c"), str(","), lit(1))), "b");
  EXPECT_EQ(call("SPLIT_INDEX", args(str("a,b,c"), str(","), lit(3))), "NULL");
  EXPECT_EQ(call("SPLIT_INDEX", args(str("a::b"), str("::"), lit(1))), "b");
  EXPECT_EQ(call("SPLIT_INDEX", args(str(",x"), str(","), lit(0))), "");
  EXPECT_EQ(call("SPLIT_INDEX", args(str("a,b"), str(","), lit(-1))), "NULL");
}

TEST(StringFunctions, RegularExpressions) {
  EXPECT_EQ(call("REGEXP_EXTRACT", args(str("foothebar"), str("foo(.*?)(bar)"), lit(2))), "bar");
  EXPECT_EQ(call("REGEXP_EXTRACT", args(str("abc123"), str("[0-9]+"))), "123");
  EXPECT_EQ(call("REGEXP_EXTRACT", args(str("abc"), str("[0-9]+"))), "NULL");
  EXPECT_EQ(call("REGEXP_REPLACE", args(str("a1b22"), str("[0-9]+"), str("#"))), "a#b#");
  EXPECT_EQ(call("REGEXP", args(str("k-42"), str("^k-[0-9]+$"))), "TRUE");
  EXPECT_NE(bind_error(make_function("REGEXP", args(str("a"), str("(")))), "");
}

TEST(StringFunctions, NullArgumentsGiveNull) {
  for (const char* name : {"LOWER", "UPPER", "INITCAP", "REVERSE", "CHAR_LENGTH", "TRIM"}) {
    EXPECT_EQ(call(name, args(null_lit())), "NULL") << name;
    EXPECT_TRUE(fn(name, args(null_lit()))->nullable()) << name;
  }
  EXPECT_EQ(call("REPLACE", args(str("a"), null_lit(), str("b"))), "NULL");
  EXPECT_EQ(call("LPAD", args(null_lit(), lit(3), str("x"))), "NULL");
  EXPECT_FALSE(fn("LOWER", args(str("A")))->nullable());
}

TEST(ConditionalFunctions, CoalesceIfNullifGreatestLeast) {
  EXPECT_EQ(call("COALESCE", args(null_lit(), lit(2), lit(3))), "2");
  EXPECT_EQ(call("COALESCE", args(null_lit(), null_lit())), "NULL");
  EXPECT_EQ(fn("COALESCE", args(lit(1), dbl(2)))->type(), Type::float64());
  EXPECT_EQ(call("IFNULL", args(null_of(Type::string()), str("d"))), "d");
  EXPECT_EQ(call("NULLIF", args(lit(1), lit(1))), "NULL");
  EXPECT_EQ(call("NULLIF", args(lit(1), lit(2))), "1");
  EXPECT_EQ(call("IF", args(bin(">", lit(2), lit(1)), str("yes"), str("no"))), "yes");
  EXPECT_EQ(call("IF", args(null_of(Type::boolean()), str("yes"), str("no"))), "no");
  EXPECT_EQ(call("GREATEST", args(lit(1), lit(7), lit(3))), "7");
  EXPECT_EQ(call("LEAST", args(str("b"), str("a"), str("c"))), "a");
  EXPECT_EQ(call("GREATEST", args(lit(1), null_lit())), "NULL");
  EXPECT_EQ(call("GREATEST", args(lit(1), dec(150, 5, 2))), "1.50");
}

TEST(MathFunctions, Basics) {
  EXPECT_EQ(call("ABS", args(lit(-3))), "3");
  EXPECT_EQ(call("ABS", args(dec(-150, 5, 2))), "1.50");
  EXPECT_EQ(runtime_error(fn("ABS", args(lit(-2147483648)))), "integer overflow");
  EXPECT_EQ(call("FLOOR", args(dbl(-1.5))), "-2.0");
  EXPECT_EQ(call("CEIL", args(dbl(1.2))), "2.0");
  EXPECT_EQ(call("FLOOR", args(dec(-150, 5, 2))), "-2");
  EXPECT_EQ(call("CEILING", args(dec(101, 5, 2))), "2");
  EXPECT_EQ(call("ROUND", args(dbl(2.5))), "3.0");
  EXPECT_EQ(call("ROUND", args(dbl(-2.5))), "-3.0");
  EXPECT_EQ(call("ROUND", args(dbl(2.675), lit(2))), "2.68");
  EXPECT_EQ(call("ROUND", args(dbl(1234.5), lit(-2))), "1200.0");
  EXPECT_EQ(call("ROUND", args(dec(12345, 10, 3), lit(1))), "12.3");
  EXPECT_EQ(call("ROUND", args(dec(12355, 10, 3), lit(2))), "12.36");
  EXPECT_EQ(call("ROUND", args(lit(1250), lit(-2))), "1300");
  EXPECT_EQ(call("TRUNCATE", args(dbl(2.679), lit(2))), "2.67");
  EXPECT_EQ(call("POWER", args(lit(2), lit(10))), "1024.0");
  EXPECT_EQ(call("SQRT", args(lit(16))), "4.0");
  EXPECT_EQ(call("SQRT", args(lit(-1))), "NaN");
  EXPECT_EQ(call("LOG10", args(lit(1000))), "3.0");
  EXPECT_EQ(call("LOG", args(lit(2), lit(8))), "3.0");
  EXPECT_EQ(call("SIGN", args(lit(-9))), "-1");
  EXPECT_EQ(call("SIGN", args(dec(-150, 5, 2))), "-1.00");
  EXPECT_EQ(call("MOD", args(lit(-7), lit(3))), "-1");
}

TEST(FunctionRegistry, UnknownNamesAndArity) {
  EXPECT_EQ(bind_error(make_function("LOWR", args(str("a")))),
            "unknown function 'LOWR' (did you mean 'LOWER'?)");
  EXPECT_EQ(bind_error(make_function("FROBNICATE", args())), "unknown function 'FROBNICATE'");
  EXPECT_EQ(bind_error(make_function("LOWER", args(str("a"), str("b")))),
            "LOWER: takes 1 argument, got 2 (usage: LOWER(s))");
  EXPECT_EQ(bind_error(make_function("SUBSTRING", args(str("a"), str("b")))),
            "SUBSTRING: argument 2 must be an integer, got STRING "
            "(usage: SUBSTRING(s, start[, length]))");
  EXPECT_TRUE(is_scalar_function("lower"));
  EXPECT_FALSE(is_scalar_function("COUNT"));
  const auto names = scalar_function_names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_NE(std::find(names.begin(), names.end(), "DATE_FORMAT"), names.end());
  // Every listed function binds with some arguments or reports a bind error, never crashes.
  for (const auto& name : names) {
    auto r = make_function(name, args(str("2024-01-01"), lit(1), lit(1)));
    if (!r) {
      EXPECT_EQ(r.error().kind, Error::Kind::Bind) << name;
    }
  }
}

}  // namespace
}  // namespace eddy
