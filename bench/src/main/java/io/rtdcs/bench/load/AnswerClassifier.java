package io.rtdcs.bench.load;

import java.util.Objects;
import java.util.Set;

/**
 * Sorts an HTTP answer into a {@link CallClass}: 200 is {@link CallClass#SERVED} unless its JSON
 * {@code errors} carry one of the degradation codes ({@link CallClass#DEGRADED}), 429 is {@link
 * CallClass#REFUSED}, anything else {@link CallClass#FAILED}.
 */
final class AnswerClassifier {
  private final Set<Integer> degradationCodes;

  AnswerClassifier(Set<Integer> degradationCodes) {
    this.degradationCodes = Set.copyOf(Objects.requireNonNull(degradationCodes));
  }

  CallClass classify(int status, AnswerBody body) {
    if (status == 429) {
      return CallClass.REFUSED;
    }
    if (status != 200) {
      return CallClass.FAILED;
    }
    for (int code : body.errorCodes()) {
      if (degradationCodes.contains(code)) {
        return CallClass.DEGRADED;
      }
    }
    return CallClass.SERVED;
  }

  /** The seconds of a {@code Retry-After} header, or -1 when absent or not a number of seconds. */
  static int retryAfterSeconds(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Math.max(0, Integer.parseInt(header.trim()));
    } catch (NumberFormatException httpDate) {
      return -1;
    }
  }
}
