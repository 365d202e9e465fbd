package io.rtdcs.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * What an {@link OpenLoopLoad} sends: GET calls to one or more base URLs ({@code
 * http://host:port}), the path and query of call {@code i} from {@link #setPathFactory}, at a fixed
 * rate for a duration, over at most {@link #getMaxConnections()} keep-alive HTTP/1.1 connections,
 * each call given up after {@link #getCallTimeout()}. Setters validate and throw {@link
 * IllegalArgumentException} naming the option; {@link #validate()} checks that the required ones
 * (targets, path factory) are set.
 */
public final class OpenLoopOptions {
  public static final double DEFAULT_RATE_PER_SECOND = 100;
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(2);

  /**
   * 200: the profile store did not answer in time; 201: node busy, partners not asked; 202: node
   * busy, collected but traits and segments not returned.
   */
  public static final Set<Integer> DEFAULT_DEGRADATION_CODES = Set.of(200, 201, 202);

  private List<URI> targets = List.of();
  private double ratePerSecond = DEFAULT_RATE_PER_SECOND;
  private Duration duration = DEFAULT_DURATION;
  private LongFunction<String> pathFactory;
  private TargetSelector targetSelector = TargetSelector.ROUND_ROBIN;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
  private Set<Integer> degradationCodes = DEFAULT_DEGRADATION_CODES;
  private Consumer<CallOutcome> outcomeListener;

  public OpenLoopOptions() {}

  public OpenLoopOptions(OpenLoopOptions other) {
    targets = other.targets;
    ratePerSecond = other.ratePerSecond;
    duration = other.duration;
    pathFactory = other.pathFactory;
    targetSelector = other.targetSelector;
    maxConnections = other.maxConnections;
    callTimeout = other.callTimeout;
    degradationCodes = other.degradationCodes;
    outcomeListener = other.outcomeListener;
  }

  /** Base URLs such as {@code http://127.0.0.1:8280} (http only; a path is prefixed to calls). */
  public OpenLoopOptions setTargets(List<String> baseUrls) {
    Objects.requireNonNull(baseUrls, "targets");
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("targets: at least one base URL is needed");
    }
    List<URI> parsed = new ArrayList<>(baseUrls.size());
    for (String url : baseUrls) {
      URI uri;
      try {
        uri = URI.create(Objects.requireNonNull(url, "targets: null URL"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("targets: not a URL: " + url, e);
      }
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("targets: expected http://host[:port], got " + url);
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw new IllegalArgumentException("targets: a base URL has no query, got " + url);
      }
      parsed.add(uri);
    }
    targets = List.copyOf(parsed);
    return this;
  }

  public OpenLoopOptions setTargets(String... baseUrls) {
    return setTargets(List.of(baseUrls));
  }

  public List<URI> getTargets() {
    return targets;
  }

  /** Calls started per second (each at its intended time, whatever the answers do). */
  public OpenLoopOptions setRatePerSecond(double ratePerSecond) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond: must be > 0, got " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    return this;
  }

  public double getRatePerSecond() {
    return ratePerSecond;
  }

  /** The span of intended start times: {@code ceil(rate * duration)} calls are sent. */
  public OpenLoopOptions setDuration(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: must be > 0, got " + duration);
    }
    this.duration = duration;
    return this;
  }

  public Duration getDuration() {
    return duration;
  }

  /**
   * Path and query of call {@code i}, e.g. {@code i -> "/event?d_rtbd=json&d_uuid=" + uuid(i)}.
   * Called on the generator's event loop just before the call is sent: keep it cheap.
   */
  public OpenLoopOptions setPathFactory(LongFunction<String> pathFactory) {
    this.pathFactory = Objects.requireNonNull(pathFactory, "pathFactory");
    return this;
  }

  public LongFunction<String> getPathFactory() {
    return pathFactory;
  }

  /** Which target each call goes to; default {@link TargetSelector#ROUND_ROBIN}. */
  public OpenLoopOptions setTargetSelector(TargetSelector targetSelector) {
    this.targetSelector = Objects.requireNonNull(targetSelector, "targetSelector");
    return this;
  }

  public TargetSelector getTargetSelector() {
    return targetSelector;
  }

  /**
   * Pooled connections per target. A call finding them all busy waits for one, and that wait is
   * part of its latency: give at least rate x expected latency.
   */
  public OpenLoopOptions setMaxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections: must be >= 1, got " + maxConnections);
    }
    this.maxConnections = maxConnections;
    return this;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  /** How long after it was sent a call is given up ({@link CallClass#FAILED}, "timeout"). */
  public OpenLoopOptions setCallTimeout(Duration callTimeout) {
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (callTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("callTimeout: must be >= 1 ms, got " + callTimeout);
    }
    this.callTimeout = callTimeout;
    return this;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  /** The {@code errors[].code}s that make a 200 {@link CallClass#DEGRADED}. */
  public OpenLoopOptions setDegradationCodes(Set<Integer> degradationCodes) {
    this.degradationCodes =
        Set.copyOf(Objects.requireNonNull(degradationCodes, "degradationCodes"));
    return this;
  }

  public Set<Integer> getDegradationCodes() {
    return degradationCodes;
  }

  /**
   * Told of every finished call (null: nobody). Called on the generator's event loop, one call at a
   * time: keep it cheap, and do not block.
   */
  public OpenLoopOptions setOutcomeListener(Consumer<CallOutcome> outcomeListener) {
    this.outcomeListener = outcomeListener;
    return this;
  }

  public Consumer<CallOutcome> getOutcomeListener() {
    return outcomeListener;
  }

  /** Throws {@link IllegalArgumentException} when targets or the path factory are missing. */
  public OpenLoopOptions validate() {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets: at least one base URL is needed");
    }
    if (pathFactory == null) {
      throw new IllegalArgumentException("pathFactory: required");
    }
    return this;
  }
}
