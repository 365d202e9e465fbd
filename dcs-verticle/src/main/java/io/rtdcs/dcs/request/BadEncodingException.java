package io.rtdcs.dcs.request;

/** A percent-encoded string that is not valid (bad escape or not UTF-8): AAM error 311. */
public final class BadEncodingException extends Exception {
  public BadEncodingException(String message) {
    super(message, null, false, false);
  }
}
