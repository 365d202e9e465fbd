package io.rtdcs.store;

/** The codec of the definition maps: integer ids to UTF-8 JSON. */
final class TextCodecs {
  static final RowCodec<Integer, String> INT_KEYS =
      new RowCodec<>() {
        @Override
        public String keyText(Integer key) {
          return key.toString();
        }

        @Override
        public Integer keyOf(String text) {
          try {
            return Integer.valueOf(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an id: " + text, e);
          }
        }

        @Override
        public byte[] encode(String value) {
          return TextRows.utf8(value);
        }

        @Override
        public String decode(byte[] bytes) {
          return TextRows.text(bytes);
        }
      };

  private TextCodecs() {}
}
