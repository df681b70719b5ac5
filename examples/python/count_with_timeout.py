"""The seed's CountWithTimeout as a Python process function, called from SQL over the login log,
printed as a pandas DataFrame, and checked against the built-in GROUP BY ... TIMEOUT that does
the same (docs/python.md). Run it from the repository root:

    python3 examples/python/count_with_timeout.py [logins.csv]

(exit status 1 when the two results differ)
"""

import pathlib
import sys

import eddy


class CountWithTimeout(eddy.ProcessFunction):
    """Per key: the count of rows; when the key has been idle for the timeout (event time), the
    count so far, at the time it timed out. As examples/embed/count_with_timeout.h does in C++,
    it applies rows in event-time order (a row ahead of the watermark waits for its timer), so it
    gives exactly the rows of GROUP BY uid TIMEOUT; a row behind the watermark whose span has
    already timed out is late and left out."""

    def open(self, ctx):
        self.count = ctx.value_state("count")
        self.last = ctx.value_state("last")        # the newest row time applied
        self.pending = ctx.list_state("pending")   # row times waiting for the watermark
        self.timeout = eddy.millis(ctx.arguments[0])  # INTERVAL '1' MINUTE: a timedelta

    def process_element(self, row, ctx):
        ts, watermark = ctx.timestamp(), ctx.current_watermark()
        if ts > watermark:  # applied when the watermark reaches it, in time order
            self.pending.add(ts)
            ctx.timers().register_event_time_timer(ts)
            return
        last = self.last.value()
        if (last is not None and last + self.timeout > watermark) or ts + self.timeout > watermark:
            self.apply(ts, ctx)

    def on_timer(self, timestamp, ctx):
        later = []
        for ts in self.pending.get():
            if ts <= timestamp:
                self.apply(ts, ctx)
            else:
                later.append(ts)
        self.pending.update(later)
        last = self.last.value()
        if last is not None and last + self.timeout == timestamp:  # idle since its newest row
            yield (self.count.value(),)

    def apply(self, ts, ctx):
        self.count.update(self.count.value(0) + 1)
        last = self.last.value()
        if last is not None and ts <= last:
            return
        self.last.update(ts)
        ctx.timers().register_event_time_timer(ts + self.timeout)


def main(path: str) -> int:
    engine = eddy.connect()
    engine.register_process_function("count_with_timeout", CountWithTimeout,
                                     output=[("cnt", "BIGINT", False)], arguments=["INTERVAL"])
    engine.execute(f"""
        CREATE STREAM logins (uid STRING, status STRING, ip STRING, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
        WITH ('connector' = 'file', 'path' = '{path}', 'format' = 'csv', 'csv.header' = 'true')""")
    mine = engine.query("SELECT uid, rowtime AS timed_out, cnt FROM count_with_timeout("
                        "TABLE logins PARTITION BY uid, INTERVAL '1' MINUTE)").to_pandas()
    builtin = engine.query("SELECT uid, TIMEOUT_TIME() AS timed_out, COUNT(*) AS cnt FROM logins"
                           " GROUP BY uid TIMEOUT INTERVAL '1' MINUTE").to_pandas()
    print(mine.to_string())
    if not mine.equals(builtin):
        print(f"DIFFERENT from GROUP BY ... TIMEOUT ({len(builtin)} rows):")
        print(builtin.to_string())
        return 1
    print(f"{len(mine)} rows, the same as GROUP BY uid TIMEOUT INTERVAL '1' MINUTE")
    return 0


if __name__ == "__main__":
    default = pathlib.Path(__file__).resolve().parents[1] / "data" / "logins.csv"
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(default)))
