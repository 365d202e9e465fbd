package io.rtdcs.store;

/**
 * A visitor write refused because the member's write-behind backlog is at {@code
 * store.writeBehindLimit} (the database is slow or down): nothing was written, the caller answers
 * without traits.
 */
public final class StoreFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreFullException(long waiting, long limit) {
    super(
        "write-behind backlog full ("
            + waiting
            + " entries wait for the database, store.writeBehindLimit "
            + limit
            + "): nothing written",
        null,
        false,
        false);
  }
}
