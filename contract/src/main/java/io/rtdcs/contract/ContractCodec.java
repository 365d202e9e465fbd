package io.rtdcs.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The event-bus codec of one contract record: on local delivery the record itself (it is immutable:
 * no copy), across the cluster its binary form, framed as a length, a format version and the fields
 * ({@link WireWriter}). A body of another format version fails to decode with a 400 naming it
 * (every node of a cluster runs the same contract).
 */
public final class ContractCodec<T> implements MessageCodec<T, T> {
  /** The binary form's version; a change of any record's fields changes it. */
  static final byte VERSION = 1;

  private final String name;
  private final BiConsumer<T, WireWriter> writer;
  private final Function<WireReader, T> reader;

  public ContractCodec(
      String name, BiConsumer<T, WireWriter> writer, Function<WireReader, T> reader) {
    this.name = Objects.requireNonNull(name, "name");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public void encodeToWire(Buffer buffer, T body) {
    int start = buffer.length();
    buffer.appendInt(0);
    buffer.appendByte(VERSION);
    writer.accept(body, new WireWriter(buffer));
    buffer.setInt(start, buffer.length() - start - 4);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    if (length < 1 || length > buffer.length() - pos - 4) {
      throw RequestException.badRequest("wire", name + ": malformed binary body (length)");
    }
    if (buffer.getByte(pos + 4) != VERSION) {
      throw RequestException.badRequest(
          "wire", name + ": unknown binary form version " + buffer.getByte(pos + 4));
    }
    WireReader body = new WireReader(buffer, pos + 5, pos + 4 + length);
    T decoded = reader.apply(body);
    body.end();
    return Objects.requireNonNull(decoded, name);
  }

  /** Encodes {@code body} alone (the contract tests pin the binary form). */
  public Buffer encode(T body) {
    Buffer buffer = Buffer.buffer();
    encodeToWire(buffer, body);
    return buffer;
  }

  /** Decodes what {@link #encode} wrote. */
  public T decode(Buffer buffer) {
    return decodeFromWire(0, buffer);
  }

  @Override
  public T transform(T body) {
    return body;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
