package io.rtdcs.bench.load;

/**
 * One call of an open-loop load: its index (0, 1, 2 ... over the life of an {@link OpenLoopLoad},
 * across its runs), the base URL it went to and its path with query.
 */
public record CallRequest(long index, String target, String path) {}
