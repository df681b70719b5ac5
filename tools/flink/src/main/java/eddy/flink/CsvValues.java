package eddy.flink;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Values as eddy's csv output writes them (docs/language.md, "CSV"). */
final class CsvValues {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private CsvValues() {}

  /** NULL is an empty field; a string that would read back as NULL (empty) is quoted. */
  static String format(Object value) {
    if (value == null) return "";
    if (value instanceof LocalDateTime t) return TIMESTAMP.format(t);
    if (value instanceof Instant t) return TIMESTAMP.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    if (value instanceof LocalTime t) return TIME.format(t);
    if (value instanceof BigDecimal d) return d.toPlainString();
    if (value instanceof Double d) return shortest(d);
    if (value instanceof Float f) return shortest(f.doubleValue());
    if (value instanceof byte[] b) return field(hex(b));
    return field(value.toString());
  }

  static String field(String s) {
    boolean quote = s.isEmpty();
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** Shortest round-trip form without an exponent where eddy writes none (integral values end in ".0"). */
  private static String shortest(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d) + ".0";
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) s.append(String.format("%02x", b));
    return s.toString();
  }
}
