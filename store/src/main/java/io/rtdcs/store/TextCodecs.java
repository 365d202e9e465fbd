package io.rtdcs.store;

import java.nio.charset.StandardCharsets;

/** The codecs of the maps that hold text: definitions, markers, queued pushes. */
final class TextCodecs {
  static final RowCodec<String, String> STRING_KEYS =
      new RowCodec<>() {
        @Override
        public String keyText(String key) {
          return key;
        }

        @Override
        public String keyOf(String text) {
          return text;
        }

        @Override
        public byte[] encode(String value) {
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };

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
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };

  private TextCodecs() {}
}
