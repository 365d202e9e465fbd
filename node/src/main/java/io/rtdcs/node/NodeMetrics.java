package io.rtdcs.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import java.util.UUID;

/**
 * The node's meters: with {@code metrics.enabled} a Prometheus registry that Vert.x
 * (vertx-micrometer-metrics: HTTP server and client, event bus, pools, JVM) and the verticles
 * (through {@link io.rtdcs.common.Meters}) record into, scraped at {@code /metrics}; without, a
 * registry with no backend and no Vert.x metrics SPI at all. Meters tagged with a trait or segment
 * id go to the Prometheus registry only with {@code metrics.perDefinition}; otherwise to a local
 * registry that only the dashboard reads.
 */
final class NodeMetrics {
  private final PrometheusMeterRegistry prometheus;
  private final MeterRegistry registry;
  private final MeterRegistry perDefinition;

  private final List<String> disabledDomains;

  private NodeMetrics(
      PrometheusMeterRegistry prometheus,
      boolean exportPerDefinition,
      List<String> disabledDomains) {
    this.prometheus = prometheus;
    this.registry = prometheus != null ? prometheus : new CompositeMeterRegistry();
    this.perDefinition =
        prometheus == null
            ? registry
            : exportPerDefinition ? prometheus : new SimpleMeterRegistry();
    this.disabledDomains = disabledDomains;
  }

  static NodeMetrics create(NodeOptions options) {
    return new NodeMetrics(
        options.isMetricsEnabled() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null,
        options.isMetricsPerDefinition(),
        options.getMetricsDisabledDomains());
  }

  /** Turns Vert.x's metrics SPI on, bound to this node's registry (not a JVM-wide default). */
  VertxBuilder configure(VertxOptions options, VertxBuilder builder) {
    if (prometheus == null) {
      return builder;
    }
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions();
    for (String domain : disabledDomains) {
      metrics.addDisabledMetricsCategory(MetricsDomain.valueOf(domain));
    }
    options.setMetricsOptions(
        metrics
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            // one registry per node: several nodes in one JVM (tests) do not share series
            .setRegistryName("rtdcs-" + UUID.randomUUID())
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    return builder.with(options).withMetrics(new MicrometerMetricsFactory(prometheus));
  }

  boolean enabled() {
    return prometheus != null;
  }

  /** The Prometheus registry, or null when metrics are off. */
  PrometheusMeterRegistry prometheus() {
    return prometheus;
  }

  MeterRegistry registry() {
    return registry;
  }

  /** Where meters tagged with a trait or segment id go (exported or dashboard-only). */
  MeterRegistry perDefinition() {
    return perDefinition;
  }
}
