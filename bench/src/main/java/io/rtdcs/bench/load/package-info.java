/**
 * An open-loop HTTP load for {@code scripts/bench} and for tests of other modules (test-scoped
 * dependency on {@code rtdcs-bench}; nothing here needs JMH or the node).
 *
 * <p>Calls start at fixed intended times {@code t0 + i / rate} whatever the answers do, and each
 * call's latency runs from its intended start, so queueing (in the server, the client's connection
 * pool or a generator that fell behind) is measured instead of hidden as in a closed loop such as
 * wrk's. Entry points:
 *
 * <ul>
 *   <li>{@link io.rtdcs.bench.load.OpenLoopOptions}: targets, rate, duration, path factory,
 *       connections, client timeout, degradation codes, an optional per-call listener;
 *   <li>{@link io.rtdcs.bench.load.OpenLoopLoad}: {@code run()}, {@code run(rate, duration)},
 *       {@code start(rate, duration)}, {@code close()};
 *   <li>{@link io.rtdcs.bench.load.OpenLoopResult}: counts per {@link
 *       io.rtdcs.bench.load.CallClass} (served, degraded, refused, failed), percentiles, send lag,
 *       JSON;
 *   <li>{@link io.rtdcs.bench.load.CallOutcome}: one finished call, for per-visitor bookkeeping;
 *   <li>{@link io.rtdcs.bench.load.VisitorPool}, {@link io.rtdcs.bench.load.PathTemplate}, {@link
 *       io.rtdcs.bench.load.EventCallMix}: ready-made path factories;
 *   <li>{@link io.rtdcs.bench.load.CapacityProbe}: the highest rate held within a p99 bound;
 *   <li>{@link io.rtdcs.bench.load.OpenLoopMain}: the command line.
 * </ul>
 */
package io.rtdcs.bench.load;
