#!/usr/bin/env python3
"""CPU samples of a JFR recording by component (scripts/bench with PROFILE=1, BENCHMARKS.md).

Usage: jfr_components.py RECORDING.jfr

Reads the recording's jdk.ExecutionSample events (`jfr print`), and charges each sample to the first
frame from the top of its stack that belongs to a known component: JDK frames (java., jdk., sun.) are
charged to whoever called them (a HashMap.get from rtdcs's code is rtdcs's), a stack of JDK frames only to
"JDK". Prints samples and share per component, then per thread group (event loops, Hazelcast, other).
"""
import collections
import re
import subprocess
import sys

COMPONENTS = [
    ("io.rtdcs.dcs.", "rtdcs dcs-verticle"),
    ("io.rtdcs.segment.rules.", "rtdcs segment-rules"),
    ("io.rtdcs.rules.", "rtdcs segment-rules"),
    ("io.rtdcs.segment.", "rtdcs segment-verticle"),
    ("io.rtdcs.partner.", "rtdcs partner-verticle"),
    ("io.rtdcs.store.", "rtdcs store"),
    ("io.rtdcs.", "rtdcs other (common, node)"),
    ("com.hazelcast.", "Hazelcast"),
    ("io.vertx.core.eventbus.", "Vert.x event bus"),
    ("io.vertx.core.json.", "JSON (Vert.x, Jackson)"),
    ("com.fasterxml.jackson.", "JSON (Vert.x, Jackson)"),
    ("io.vertx.ext.web.", "Vert.x Web"),
    ("io.vertx.core.http.", "Vert.x HTTP"),
    ("io.vertx.core.net.", "Vert.x HTTP"),
    ("io.vertx.micrometer.", "metrics"),
    ("io.micrometer.", "metrics"),
    ("io.vertx.", "Vert.x core (futures, contexts, timers)"),
    ("io.netty.", "Netty"),
    ("org.slf4j.", "logging"),
    ("ch.qos.", "logging"),
]
JDK = ("java.", "jdk.", "sun.", "javax.")
FRAME = re.compile(r"^\s+([\w$.]+)\.[\w$<>]+\(")
THREAD = re.compile(r'sampledThread = "([^"]*)"')


def component(frames):
    for f in frames:
        if f.startswith(JDK):
            continue
        for prefix, name in COMPONENTS:
            if f.startswith(prefix):
                return name
        return "other libraries"
    return "JDK"


def thread_group(name):
    if name.startswith("vert.x-eventloop"):
        return "Vert.x event loops"
    if name.startswith("vert.x-worker") or name.startswith("vert.x-internal"):
        return "Vert.x workers"
    if name.startswith("hz."):
        return "Hazelcast threads"
    return "other threads"


def main(path):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
        check=True, capture_output=True, text=True).stdout
    by_component = collections.Counter()
    by_thread = collections.Counter()
    total = 0
    frames, thread, in_stack = [], None, False
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            frames, thread, in_stack = [], None, False
        elif "sampledThread" in line:
            m = THREAD.search(line)
            thread = m.group(1) if m else "?"
        elif "stackTrace = [" in line:
            in_stack = True
        elif in_stack and line.strip() == "]":
            in_stack = False
        elif in_stack:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))
        elif line.strip() == "}" and frames:
            total += 1
            by_component[component(frames)] += 1
            by_thread[thread_group(thread or "?")] += 1
            frames = []
    if total == 0:
        print("no execution samples in " + path)
        return
    print("%d execution samples" % total)
    print("| component | samples | share |")
    print("|---|---|---|")
    for name, n in by_component.most_common():
        print("| %s | %d | %.1f %% |" % (name, n, 100.0 * n / total))
    print()
    print("| threads | samples | share |")
    print("|---|---|---|")
    for name, n in by_thread.most_common():
        print("| %s | %d | %.1f %% |" % (name, n, 100.0 * n / total))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
