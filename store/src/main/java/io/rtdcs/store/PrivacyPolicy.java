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
}
