package io.rtdcs.bench.load;

import java.util.function.LongFunction;

/**
 * A path factory from a template: {@code %UUID%} becomes the call's visitor from a {@link
 * VisitorPool} (in turn or at random), {@code %INDEX%} the call's index. E.g. {@code
 * /event?d_rtbd=json&c_category=shoes&d_uuid=%UUID%}.
 */
public final class PathTemplate implements LongFunction<String> {
  private final String template;
  private final VisitorPool visitors;
  private final boolean random;
  private final long seed;

  /**
   * @param random true: each call picks its visitor at random (from {@code seed} and its index);
   *     false: calls take the visitors in turn
   */
  public PathTemplate(String template, VisitorPool visitors, boolean random, long seed) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("path template: must start with /, got " + template);
    }
    this.template = template;
    this.visitors = visitors;
    this.random = random;
    this.seed = seed;
  }

  @Override
  public String apply(long index) {
    String path = template;
    if (path.contains("%UUID%")) {
      path =
          path.replace("%UUID%", random ? visitors.atRandom(seed, index) : visitors.inTurn(index));
    }
    return path.replace("%INDEX%", Long.toString(index));
  }
}
