package io.rtdcs.partner.definition;

/** How a partner is reached. */
public enum PartnerType {
  HTTP("http"),
  EVENTBUS("eventbus");

  private final String wire;

  PartnerType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  static PartnerType parse(String text) {
    for (PartnerType t : values()) {
      if (t.wire.equals(text)) {
        return t;
      }
    }
    throw JsonFields.invalid("type", "must be http or eventbus");
  }
}
