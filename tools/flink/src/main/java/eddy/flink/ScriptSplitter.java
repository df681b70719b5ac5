package eddy.flink;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at the semicolons outside quotes ('...', `...`, "...") and
 * comments (-- to the end of the line, /* ... *&#47;). Comments are dropped; statements holding
 * nothing but blanks are skipped.
 */
final class ScriptSplitter {
  private ScriptSplitter() {}

  static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') i++;
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        current.append(' ');
        continue;
      }
      if (c == '\'' || c == '`' || c == '"') {
        // A doubled quote inside is the quote itself, so it reads as closing and opening again.
        int end = script.indexOf(c, i + 1);
        if (end < 0) end = n - 1;
        current.append(script, i, end + 1);
        i = end + 1;
        continue;
      }
      if (c == ';') {
        add(statements, current);
        i++;
        continue;
      }
      current.append(c);
      i++;
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) statements.add(statement);
    current.setLength(0);
  }
}
