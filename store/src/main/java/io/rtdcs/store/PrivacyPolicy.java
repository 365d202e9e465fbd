package io.rtdcs.store;

/**
 * What a visitor's privacy mark does to a value of a visitor map on its way to or from the
 * database.
 */
@FunctionalInterface
public interface PrivacyPolicy<V> {
  /**
   * The value as it may exist given the mark ({@link PrivacyMark#NONE} if none); null = must not.
   */
  V apply(V value, PrivacyMark mark);

  /**
   * The value a visitor with this mark has when the database holds no row for it (the row expired
   * or was never written), or null for none: an opt-out outlives the profile it was recorded in.
   */
  default V absent(PrivacyMark mark) {
    return null;
  }
}
