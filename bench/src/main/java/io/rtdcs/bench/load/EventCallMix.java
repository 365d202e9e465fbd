package io.rtdcs.bench.load;

import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * The calls of {@code scripts/bench.d/event.lua} (wrk's load in {@code scripts/bench}), for an
 * open-loop run comparable with it: {@code /event?d_rtbd=json}, 70 % returning visitors picked at
 * random from a {@link VisitorPool} ({@code d_uuid}), 30 % new ones (no uuid), 3 to 8 signals
 * ({@code c_category}, {@code c_brand}, {@code c_price} ... in that order), 20 % with a declared ID
 * ({@code d_cid=20915%01DEV-nnnnnn}). Reproducible: a function of the seed and the call index.
 */
public final class EventCallMix implements LongFunction<String> {
  /** Share of calls from new visitors (no {@code d_uuid}), as event.lua's BENCH_NEW_SHARE. */
  public static final double NEW_SHARE = 0.3;

  private static final String[] CATEGORIES = {
    "shoes", "sports", "running", "books", "travel", "garden", "music", "cars"
  };
  private static final String[] BRANDS = {
    "acme", "globex", "initech", "umbrella", "hooli", "stark"
  };
  private static final String[] COLORS = {"red", "blue", "black", "white", "green"};
  private static final String[] PAGES = {"home", "product", "cart", "search", "article"};

  private final VisitorPool visitors;
  private final long seed;

  public EventCallMix(VisitorPool visitors, long seed) {
    this.visitors = visitors;
    this.seed = seed;
  }

  @Override
  public String apply(long index) {
    SplittableRandom r = VisitorPool.CallRandom.of(seed, index);
    StringBuilder path = new StringBuilder(160).append("/event?d_rtbd=json");
    if (r.nextDouble() >= NEW_SHARE) {
      path.append("&d_uuid=").append(visitors.uuid(r.nextInt(visitors.size()) + 1));
    }
    int signals = r.nextInt(3, 9);
    for (int i = 0; i < signals; i++) {
      path.append('&').append(signal(i, r));
    }
    if (r.nextDouble() < 0.2) {
      path.append(String.format("&d_cid=20915%%01DEV-%06d", r.nextInt(visitors.size()) + 1));
    }
    return path.toString();
  }

  private static String signal(int i, SplittableRandom r) {
    return switch (i) {
      case 0 -> "c_category=" + CATEGORIES[r.nextInt(CATEGORIES.length)];
      case 1 -> "c_brand=" + BRANDS[r.nextInt(BRANDS.length)];
      case 2 -> "c_price=" + r.nextInt(1, 301);
      case 3 -> "c_color=" + COLORS[r.nextInt(COLORS.length)];
      case 4 -> "c_page=" + PAGES[r.nextInt(PAGES.length)];
      case 5 -> "c_size=" + r.nextInt(36, 47);
      case 6 -> "c_logged=" + (r.nextBoolean() ? "yes" : "no");
      default -> "p_email_domain=example.com";
    };
  }
}
