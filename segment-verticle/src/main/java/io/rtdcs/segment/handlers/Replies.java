package io.rtdcs.segment.handlers;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.RequestException;
import io.rtdcs.store.StoreFullException;
import io.vertx.core.eventbus.Message;
import org.slf4j.LoggerFactory;

/**
 * Maps a failure to the contract's codes: 400/404/409 as given, 503 Hazelcast or a full
 * write-behind backlog, 500 the rest.
 */
public final class Replies {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(Replies.class), 5_000);

  public static void fail(Message<?> message, String address, Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (failure instanceof RequestException r) {
      message.fail(r.code(), r.getMessage());
    } else if (cause instanceof StoreFullException) {
      LOG.warn("{}: {}", address, cause.getMessage());
      message.fail(503, "store full: " + cause.getMessage());
    } else if (failure instanceof HazelcastInstanceNotActiveException
        || failure instanceof OperationTimeoutException
        || failure instanceof RetryableException
        || failure instanceof HazelcastException
            && failure.getClass() == HazelcastException.class) {
      LOG.warn("{}: Hazelcast unavailable: {}", address, failure.toString());
      message.fail(503, "store unavailable: " + failure.getClass().getSimpleName());
    } else {
      LOG.warn("{}: unexpected failure: {}", address, failure.toString(), failure);
      message.fail(500, "internal error: " + failure.getClass().getSimpleName());
    }
  }

  private Replies() {}
}
