package io.rtdcs.dcs.response;

import io.vertx.core.buffer.Buffer;
import java.util.Base64;

/** The 1x1 transparent GIF answered when the caller did not ask for JSON. */
public final class Pixel {
  public static final String CONTENT_TYPE = "image/gif";

  private static final byte[] GIF =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

  /** A fresh buffer with the GIF's bytes (buffers are mutable, so never share one). */
  public static Buffer buffer() {
    return Buffer.buffer(GIF);
  }

  public static int length() {
    return GIF.length;
  }

  private Pixel() {}
}
