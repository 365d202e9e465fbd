package io.rtdcs.rules;

import java.util.List;

/** A compiled boolean node evaluated against a context {@code C}; never throws on its own. */
@FunctionalInterface
interface Condition<C> {

  boolean test(C context);

  static <C> Condition<C> and(List<Condition<C>> terms) {
    if (terms.size() == 1) {
      return terms.get(0);
    }
    @SuppressWarnings("unchecked")
    Condition<C>[] all = terms.toArray(new Condition[0]);
    return context -> {
      for (Condition<C> term : all) {
        if (!term.test(context)) {
          return false;
        }
      }
      return true;
    };
  }

  static <C> Condition<C> or(List<Condition<C>> terms) {
    if (terms.size() == 1) {
      return terms.get(0);
    }
    @SuppressWarnings("unchecked")
    Condition<C>[] all = terms.toArray(new Condition[0]);
    return context -> {
      for (Condition<C> term : all) {
        if (term.test(context)) {
          return true;
        }
      }
      return false;
    };
  }

  static <C> Condition<C> not(Condition<C> term) {
    return context -> !term.test(context);
  }
}
