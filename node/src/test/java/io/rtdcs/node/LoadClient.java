package io.rtdcs.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded load of {@code /event?d_rtbd=json&d_sid=3001&d_uuid=...} calls from a few threads to
 * the nodes currently named as targets. Records, per visitor, every acknowledged realization (200
 * with 3001 in {@code traits}) and, per call, which node answered and how long it took (client
 * side). Stops by itself after {@code maxCalls} calls or {@code maxTime}.
 */
final class LoadClient implements AutoCloseable {
  static final int SID = 3001;

  /** One finished call: the node's HTTP port, when it started, its latency, its outcome. */
  record Call(int port, long startedNanos, long latencyMicros, int status, boolean acknowledged) {}

  private final List<String> visitors;
  private final Duration callTimeout;
  private final long pauseMicros;
  private final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong budgetLeft = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile List<Integer> targets = List.of();

  /**
   * @param visitors the known visitors (38-digit uuids) the calls name
   * @param callTimeout how long one call may take before the client gives up (counted as failed)
   * @param pause the pause of each thread between two calls (keeps the load bounded on 2 cores)
   */
  LoadClient(List<String> visitors, Duration callTimeout, Duration pause) {
    this.visitors = List.copyOf(visitors);
    this.callTimeout = callTimeout;
    this.pauseMicros = TimeUnit.NANOSECONDS.toMicros(pause.toNanos());
  }

  static List<String> visitors(int count) {
    List<String> out = new ArrayList<>(count);
    long seed = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    for (int i = 0; i < count; i++) {
      out.add(String.format("%019d%019d", seed + i, 4_242_424_242L + i));
    }
    return out;
  }

  /** The nodes (HTTP ports) the following calls go to, chosen at random per call. */
  void targets(List<NodeProcess> nodes) {
    targets = nodes.stream().map(NodeProcess::httpPort).toList();
  }

  /**
   * Starts {@code threadCount} threads; they stop after {@code maxCalls} calls or {@code maxTime}.
   */
  void start(int threadCount, long maxCalls, Duration maxTime) {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("already running");
    }
    budgetLeft.set(maxCalls);
    long end = System.nanoTime() + maxTime.toNanos();
    for (int i = 0; i < threadCount; i++) {
      Thread t = new Thread(() -> loop(end), "load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void loop(long end) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running.get() && System.nanoTime() < end && budgetLeft.getAndDecrement() > 0) {
      List<Integer> ports = targets;
      if (!ports.isEmpty()) {
        call(
            ports.get(random.nextInt(ports.size())), visitors.get(random.nextInt(visitors.size())));
      }
      if (pauseMicros > 0) {
        try {
          TimeUnit.MICROSECONDS.sleep(random.nextLong(pauseMicros / 2, pauseMicros * 3 / 2 + 1));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /**
   * One call over a blocking socket (HttpURLConnection, kept alive per thread and node): a reply
   * wakes only the calling thread, so the latency measured adds little scheduling of our own.
   */
  private void call(int port, String uuid) {
    long start = System.nanoTime();
    int status;
    boolean acked = false;
    HttpURLConnection c = null;
    try {
      URL url =
          URI.create(
                  "http://127.0.0.1:"
                      + port
                      + "/event?d_rtbd=json&d_sid="
                      + SID
                      + "&d_uuid="
                      + uuid)
              .toURL();
      c = (HttpURLConnection) url.openConnection();
      c.setConnectTimeout(1_000);
      c.setReadTimeout((int) callTimeout.toMillis());
      status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        byte[] body = in == null ? new byte[0] : in.readAllBytes();
        if (status == 200) {
          JsonObject json = new JsonObject(new String(body, StandardCharsets.UTF_8));
          JsonArray traits = json.getJsonArray("traits", new JsonArray());
          if (uuid.equals(json.getString("uuid")) && traits.contains(SID)) {
            acked = true;
            acknowledged.computeIfAbsent(uuid, u -> new LongAdder()).increment();
          }
        }
      }
    } catch (Exception e) {
      status = -1;
      if (c != null) {
        c.disconnect();
      }
    }
    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    calls.add(new Call(port, start, micros, status, acked));
  }

  /** Stops the threads and waits for their last calls. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(TimeUnit.MILLISECONDS.convert(callTimeout) + 2_000);
    }
    threads.clear();
  }

  /** Acknowledged realizations per visitor so far. */
  Map<String, Long> acknowledged() {
    Map<String, Long> out = new ConcurrentHashMap<>();
    acknowledged.forEach((uuid, n) -> out.put(uuid, n.sum()));
    return out;
  }

  long acknowledgedTotal() {
    return acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** Calls that started after {@code fromNanos} (System.nanoTime) and went to {@code port}. */
  List<Call> callsTo(int port, long fromNanos, long toNanos) {
    return calls.stream()
        .filter(
            c -> c.port() == port && c.startedNanos() >= fromNanos && c.startedNanos() < toNanos)
        .toList();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
