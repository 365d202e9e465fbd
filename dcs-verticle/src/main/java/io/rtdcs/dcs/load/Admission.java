package io.rtdcs.dcs.load;

/**
 * What the node does with one {@code /event} call, in the order it degrades past capacity
 * (docs/operations.md, "Overload"): every level but {@link #REFUSED} collects the call.
 */
public enum Admission {
  /** The whole flow: partners, realization, the answer with traits and segments. */
  FULL("full"),
  /** Partners are not asked (error 201); the call is realized and answered as usual. */
  SKIP_PARTNERS("skip_partners"),
  /** Answered at once without traits and segments (error 202); the call is still collected. */
  DEFER_SEGMENTS("defer_segments"),
  /** Refused: 429 with {@code Retry-After} (error 203), nothing read, stored or sent. */
  REFUSED("refused");

  private final String tag;

  Admission(String tag) {
    this.tag = tag;
  }

  /** The value of the {@code decision} tag of {@code rtdcs_admission_total}. */
  public String tag() {
    return tag;
  }
}
