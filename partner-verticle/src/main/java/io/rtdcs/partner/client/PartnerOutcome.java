package io.rtdcs.partner.client;

/** The typed result of asking one partner (docs/event-bus.md, dcs.partners.lookup). */
public enum PartnerOutcome {
  OK("ok"),
  NO_DATA("no-data"),
  TIMEOUT("timeout"),
  ERROR("error"),
  CIRCUIT_OPEN("circuit-open"),
  SKIPPED("skipped"),
  CACHED("cached"),
  UNAVAILABLE("unavailable");

  private final String wire;

  PartnerOutcome(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Outcomes the circuit breaker counts as failures. */
  public boolean isFailure() {
    return this == TIMEOUT || this == ERROR;
  }
}
