package io.rtdcs.rules;

/** Tests one signal value against one compiled operand. */
@FunctionalInterface
interface ValueTest {
  boolean test(String value);
}
