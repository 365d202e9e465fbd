package io.rtdcs.store;

import java.nio.ByteBuffer;

/**
 * A privacy action on one visitor (map {@code rtdcs.privacy}, key the uuid), written through to the
 * database before the action is acknowledged, and consulted whenever the visitor's profile is read
 * from or written to the database: a profile stored before its deletion never comes back, an
 * opted-out visitor's data is never loaded. 0 = no such action.
 */
public record PrivacyMark(long optedOutAt, long deletedAt) {
  public static final PrivacyMark NONE = new PrivacyMark(0, 0);

  public PrivacyMark optedOut(long at) {
    return new PrivacyMark(Math.max(optedOutAt, at), deletedAt);
  }

  public PrivacyMark deleted(long at) {
    return new PrivacyMark(optedOutAt, Math.max(deletedAt, at));
  }

  public boolean isOptedOut() {
    return optedOutAt > 0;
  }

  public boolean isDeleted() {
    return deletedAt > 0;
  }

  /** Two longs; anything else is refused. */
  public static final RowCodec<String, PrivacyMark> CODEC =
      new StringKeyedRows<>() {
        @Override
        public byte[] encode(PrivacyMark value) {
          return ByteBuffer.allocate(16).putLong(value.optedOutAt).putLong(value.deletedAt).array();
        }

        @Override
        public PrivacyMark decode(byte[] bytes) {
          if (bytes.length != 16) {
            throw new IllegalArgumentException("privacy mark of " + bytes.length + " bytes");
          }
          ByteBuffer b = ByteBuffer.wrap(bytes);
          return new PrivacyMark(b.getLong(), b.getLong());
        }
      };
}
