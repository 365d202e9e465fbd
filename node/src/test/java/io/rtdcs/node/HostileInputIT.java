package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 generated malformed or hostile raw requests ({@link HostileRequests}) against a running
 * node of the fat jar, 32 at a time, while a bounded number of slow clients trickle bytes: no 5xx,
 * the node stays up and logs no unhandled failure, no profile is stored for a rejected request, and
 * a good call is answered at the end.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileInputIT {
  static final int REQUESTS = 10_000;
  static final int PARALLEL = 32;
  static final int SLOW_CLIENTS = 48;

  private NodeProcess node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** What came back for one request: the status (-1 when closed without an answer), the body. */
  record Answer(int status, String body) {
    boolean rejected() {
      if (status >= 400 || status == -1) {
        return true;
      }
      // a rejected /event call answers 200 JSON with only dcs_region, tid and errors
      return status == 200 && body.contains("\"errors\"") && !body.contains("\"uuid\"");
    }
  }

  @Test
  void tenThousandHostileRequestsShouldGetNo5xxStoreNothingForRejectedOnesAndLeaveTheNodeServing()
      throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    JsonObject conf =
        TestConfigs.demoCluster(TestConfigs.clusterName(), TestPorts.freeClusterBase(3), 0, 0);
    conf.getJsonObject("demoPartner").put("enabled", false);
    conf.getJsonObject("definitions").put("partners", new JsonArray());
    Path confFile = Files.createTempFile(logDir, "hostile-", ".json");
    Files.writeString(confFile, conf.encodePrettily());
    node = NodeProcess.start(confFile, TestPorts.free(), Map.of(), logDir);
    node.awaitReady(Duration.ofSeconds(90));
    assertThat(node.status("/event?d_rtbd=json&c_category=shoes")).isEqualTo(200);

    long seed = System.nanoTime();
    System.out.println("hostile: seed " + seed);
    HostileRequests gen = new HostileRequests(seed);
    Map<String, Map<Integer, LongAdder>> byKind = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> fiveXx = new ConcurrentLinkedQueue<>();
    Map<String, String> rejectedUuids = new ConcurrentHashMap<>();
    Map<String, Long> slowest = new ConcurrentHashMap<>();
    Map<String, Integer> closedWithout = new ConcurrentHashMap<>();

    ExecutorService slowPool = Executors.newFixedThreadPool(SLOW_CLIENTS);
    List<Future<?>> slow = new ArrayList<>();
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      byte[] bytes = gen.next(i).bytes();
      slow.add(slowPool.submit(() -> trickle(bytes, Duration.ofSeconds(3))));
    }

    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<HostileRequests.Hostile> all = new ArrayList<>(REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      all.add(gen.next(i));
    }
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (HostileRequests.Hostile h : all) {
      futures.add(
          pool.submit(
              () -> {
                long t0 = System.nanoTime();
                Answer a =
                    send(h.bytes(), h.kind().contains("body") || h.kind().contains("length"));
                slowest.merge(h.kind(), (System.nanoTime() - t0) / 1_000_000, Math::max);
                if (a.status() == -1) {
                  closedWithout.merge(h.kind() + ": " + firstLine(h.bytes()), 1, Integer::sum);
                }
                byKind
                    .computeIfAbsent(h.kind(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(a.status(), s -> new LongAdder())
                    .increment();
                if (a.status() >= 500) {
                  fiveXx.add(h.kind() + ": " + a.status() + " " + abbreviate(a.body()));
                }
                if (a.rejected()) {
                  rejectedUuids.put(
                      h.uuid(), h.kind() + " answered " + a.status() + " " + abbreviate(a.body()));
                }
                done.incrementAndGet();
              }));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    for (Future<?> f : slow) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    slowPool.shutdown();
    System.out.printf("hostile: %d requests in %d ms%n", done.get(), ms);
    new TreeMap<>(byKind)
        .forEach(
            (kind, statuses) -> {
              Map<Integer, Long> counts = new TreeMap<>();
              statuses.forEach((s, n) -> counts.put(s, n.sum()));
              System.out.printf(
                  "hostile:   %-30s %s, slowest %d ms%n", kind, counts, slowest.get(kind));
            });
    new TreeMap<>(closedWithout)
        .forEach((what, n) -> System.out.printf("hostile:   no answer %4d x %s%n", n, what));

    assertThat(done.get()).isEqualTo(REQUESTS);
    assertThat(fiveXx).as("5xx answers").isEmpty();
    assertThat(node.isAlive()).as("node alive").isTrue();

    // nothing stored for a rejected request
    assertThat(rejectedUuids).hasSizeGreaterThan(REQUESTS / 4);
    ConcurrentLinkedQueue<String> stored = new ConcurrentLinkedQueue<>();
    ExecutorService readers = Executors.newFixedThreadPool(8);
    List<Future<?>> reads = new ArrayList<>();
    for (Map.Entry<String, String> rejected : rejectedUuids.entrySet()) {
      reads.add(
          readers.submit(
              () -> {
                HttpResponse<String> r =
                    node.get("/profiles/" + rejected.getKey(), TestConfigs.ADMIN_TOKEN);
                if (r.statusCode() != 404) {
                  stored.add(
                      rejected.getValue() + " -> profile " + r.statusCode() + " " + r.body());
                }
                return null;
              }));
    }
    for (Future<?> f : reads) {
      f.get(60, TimeUnit.SECONDS);
    }
    readers.shutdown();
    System.out.printf("hostile: %d rejected requests' visitors read back%n", rejectedUuids.size());
    assertThat(stored).as("profiles stored for rejected requests").isEmpty();

    // still serving a good call, and no unhandled failure in the log
    HttpResponse<String> good = node.get("/event?d_rtbd=json&c_category=shoes&d_sid=3001", null);
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(good.body()).getJsonArray("traits")).contains(1001, 3001);
    List<String> log = Files.readAllLines(node.log());
    assertThat(log.stream().filter(l -> l.contains(" ERROR ") || l.contains("Unhandled")).toList())
        .as("error lines in the node log")
        .isEmpty();
  }

  /**
   * Sends raw bytes and reads the answer; -1 when the server closed without one. {@code halfClose}
   * closes the sending side after the bytes (for requests that never end, such as a chunked body
   * without its last chunk); else the connection stays open until the server closes it ({@code
   * Connection: close}), since a server may drop the answer of a half-closed connection.
   */
  private Answer send(byte[] request, boolean halfClose) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.httpPort())) {
      s.setSoTimeout(3_000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (halfClose) {
          s.shutdownOutput();
        }
      } catch (IOException e) {
        // the server may answer (413, 414, 431) and close before it has read everything
      }
      return read(s.getInputStream());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    }
  }

  private static Answer read(InputStream in) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      int n;
      while ((n = in.read(chunk)) > 0 && buf.size() < 256 * 1024) {
        buf.write(chunk, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // keep what came
    } catch (IOException e) {
      if (buf.size() == 0) {
        return new Answer(-1, e.toString());
      }
    }
    String text = buf.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.")) {
      return new Answer(-1, text);
    }
    int sp = text.indexOf(' ');
    int status = Integer.parseInt(text.substring(sp + 1, sp + 4));
    int bodyAt = text.indexOf("\r\n\r\n");
    return new Answer(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
  }

  /** A slow client: writes one byte at a time with pauses, for at most {@code atMost}. */
  private Void trickle(byte[] request, Duration atMost) {
    long end = System.nanoTime() + atMost.toNanos();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.httpPort())) {
      OutputStream out = s.getOutputStream();
      for (int i = 0; i < request.length && System.nanoTime() < end; i++) {
        out.write(request[i]);
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException e) {
      // the server may close a slow client
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** The request line with the uuid blanked, so equal shapes count together. */
  private static String firstLine(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1).replaceAll("[0-9]{38}", "U");
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    return line.length() > 100 ? line.substring(0, 100) + "..." : line;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
