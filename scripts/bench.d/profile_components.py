#!/usr/bin/env python3
"""CPU samples by component, from async-profiler's collapsed stacks (scripts/bench PROFILE=1).

Usage: profile_components.py STACKS.collapsed

Each line of the input is "[thread];root;...;top COUNT" (asprof -t -o collapsed). A sample is charged to
the first frame from the top of its stack that belongs to a known component: JDK frames (java/, jdk/, sun/)
and native frames (the kernel, libc) are charged to the Java code that called them (a socket write from
Netty is Netty's, a HashMap.get from rtdcs's code is rtdcs's); a stack with no such frame to "JVM (JIT
compiler, GC, runtime)" or "JDK". Prints the samples and share per component, then per thread group.
"""
import collections
import sys

COMPONENTS = [
    ("io/rtdcs/dcs/", "rtdcs dcs-verticle"),
    ("io/rtdcs/rules/", "rtdcs segment-rules"),
    ("io/rtdcs/segment/", "rtdcs segment-verticle"),
    ("io/rtdcs/partner/", "rtdcs partner-verticle"),
    ("io/rtdcs/store/", "rtdcs store"),
    ("io/rtdcs/", "rtdcs other (common, node)"),
    ("com/hazelcast/", "Hazelcast"),
    ("io/vertx/core/eventbus/", "Vert.x event bus"),
    ("io/vertx/core/json/", "JSON (Vert.x, Jackson)"),
    ("com/fasterxml/jackson/", "JSON (Vert.x, Jackson)"),
    ("io/vertx/ext/web/client/", "Vert.x Web client"),
    ("io/vertx/ext/web/", "Vert.x Web"),
    ("io/vertx/core/http/", "Vert.x HTTP"),
    ("io/vertx/core/net/", "Vert.x HTTP"),
    ("io/vertx/micrometer/", "metrics"),
    ("io/micrometer/", "metrics"),
    ("io/vertx/", "Vert.x core (futures, contexts, timers)"),
    ("io/netty/", "Netty (sockets, HTTP codec)"),
    ("org/slf4j/", "logging"),
    ("ch/qos/", "logging"),
]
JDK = ("java/", "jdk/", "sun/", "javax/", "com/sun/")


def is_java(frame):
    return "/" in frame and not frame.startswith("/") and not frame.endswith("_[k]")


def component(frames):
    saw_jdk = False
    for f in reversed(frames):
        if not is_java(f):
            continue
        if f.startswith(JDK):
            saw_jdk = True
            continue
        for prefix, name in COMPONENTS:
            if f.startswith(prefix):
                return name
        return "other libraries"
    return "JDK" if saw_jdk else "JVM (JIT compiler, GC, runtime)"


def thread_group(name):
    if name.startswith("vert.x-eventloop"):
        return "Vert.x event loops"
    if name.startswith("vert.x-worker") or name.startswith("vert.x-internal"):
        return "Vert.x workers"
    if name.startswith("hz."):
        return "Hazelcast threads"
    if "GC" in name or "G1" in name or "Compiler" in name or name.startswith("C1") or name.startswith("C2"):
        return "JVM (GC, JIT)"
    return "other threads"


def main(path):
    by_component = collections.Counter()
    by_thread = collections.Counter()
    total = 0
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            n = int(count)
            frames = stack.split(";")
            thread = ""
            if frames and frames[0].startswith("["):
                thread = frames[0][1:].rsplit(" tid=", 1)[0]
                frames = frames[1:]
            total += n
            by_component[component(frames)] += n
            by_thread[thread_group(thread)] += n
    if total == 0:
        print("no samples in " + path)
        return
    print("%d CPU samples" % total)
    print()
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
