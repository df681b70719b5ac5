"""A client of the Flink runner (tools/flink, docs/flink.md) in --serve mode: one JVM and one
MiniCluster for many scripts, so Flink's start-up is paid once."""

import os
import queue
import subprocess
import threading
import time


class RunnerMissing(Exception):
    pass


def classpath(target_dir):
    jar = os.path.join(target_dir, "eddy-flink-runner.jar")
    lib = os.path.join(target_dir, "lib")
    if not os.path.exists(jar) or not os.path.isdir(lib):
        raise RunnerMissing(f"no Flink runner in {target_dir}: run `make flink-deps` first")
    return jar + os.pathsep + os.path.join(lib, "*")


class FlinkRunner:
    """Runs Flink SQL scripts; each query's rows land in OUT/1.csv, OUT/2.csv, ..."""

    def __init__(self, target_dir, timeout=180, java="java"):
        self.cp = classpath(target_dir)
        self.java = java
        self.timeout = timeout
        self.proc = None
        self.startup_ms = None

    def start(self):
        started = time.monotonic()
        self.proc = subprocess.Popen(
            [self.java, "-Xss4m", "-XX:+UseSerialGC", "-cp", self.cp, "eddy.flink.Runner", "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        reply = self._reply(self.timeout)
        if reply is None or not reply.startswith("ready "):
            self.close()
            raise RuntimeError(f"the Flink runner did not start: {reply!r}")
        self.startup_ms = (time.monotonic() - started) * 1000
        return self

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def _reply(self, timeout):
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def run(self, script, out_dir, parallelism=1):
        """Returns (ok, message): message is the milliseconds taken or Flink's error."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        self.proc.stdin.write(f"RUN {parallelism} {os.path.abspath(script)} {os.path.abspath(out_dir)}\n")
        self.proc.stdin.flush()
        reply = self._reply(self.timeout)
        if reply is None:
            # Hung or died: a fresh runner for the next script.
            self.close()
            return False, f"no answer from the Flink runner within {self.timeout} s"
        kind, _, message = reply.partition(" ")
        return kind == "ok", message

    def close(self):
        if self.proc is not None:
            try:
                self.proc.stdin.write("QUIT\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired, ValueError):
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
