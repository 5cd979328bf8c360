#!/usr/bin/env python3
"""Runs a command RUNS times (default 5); prints its median wall time and
median CPU time in ms and its peak resident memory in MB (each run in a fresh child, so the peak is
that one process's). Each run must exit with STATUS (default 0).
usage: measure.py [--runs N] [--status STATUS] CMD ARGS..."""
import resource
import statistics
import subprocess
import sys
import time
import os

args = sys.argv[1:]
runs = 5
expected = 0
while args[:1] in (["--runs"], ["--status"]):
    if args[0] == "--runs":
        runs = int(args[1])
    else:
        expected = int(args[1])
    args = args[2:]
walls, peaks, cpus = [], [], []
for _ in range(runs):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(args[0], args)
    _, status, usage = os.wait4(pid, 0)
    walls.append((time.perf_counter() - start) * 1000)
    peaks.append(usage.ru_maxrss / 1024)
    cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    code = os.waitstatus_to_exitcode(status)
    if code != expected:
        sys.exit("exit status %d, not %d: %s" % (code, expected, " ".join(args)))
# CPU time (user + system) is printed too: on a loaded machine wall time
# includes waiting for a core, CPU time does not.
print("%8.1f ms %8.1f ms cpu %7.1f MB" % (statistics.median(walls), statistics.median(cpus), max(peaks)))
