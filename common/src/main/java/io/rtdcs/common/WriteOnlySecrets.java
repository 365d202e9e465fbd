package io.rtdcs.common;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Secrets in definitions (a partner's signing key, a destination's signing key and OAuth client
 * secret) are write-only: an admin answer shows {@link #MASK} in their place, and a definition put
 * back with {@link #MASK} keeps the stored secret, so that a get, edit, put round trip never needs
 * (or leaks) the secret. Paths are one level deep: {@code signing.key}.
 */
public final class WriteOnlySecrets {
  /** What an answer shows instead of a secret; sent back, it means "keep the stored one". */
  public static final String MASK = "(write-only)";

  private WriteOnlySecrets() {}

  /** A copy of {@code definition} with each secret at {@code paths} masked. */
  public static JsonObject mask(JsonObject definition, List<String> paths) {
    JsonObject out = definition.copy();
    for (String path : paths) {
      JsonObject parent = parent(out, path);
      String leaf = leaf(path);
      if (parent != null && parent.getValue(leaf) != null) {
        parent.put(leaf, MASK);
      }
    }
    return out;
  }

  /**
   * A copy of {@code incoming} where each masked secret is replaced by the one in {@code stored};
   * throws {@link IllegalArgumentException} naming the path when nothing is stored to keep.
   */
  public static JsonObject keepStored(JsonObject incoming, JsonObject stored, List<String> paths) {
    JsonObject out = incoming.copy();
    for (String path : paths) {
      JsonObject parent = parent(out, path);
      String leaf = leaf(path);
      if (parent == null || !MASK.equals(parent.getValue(leaf))) {
        continue;
      }
      JsonObject storedParent = stored == null ? null : parent(stored, path);
      Object secret = storedParent == null ? null : storedParent.getValue(leaf);
      if (!(secret instanceof String s) || s.isEmpty() || MASK.equals(s)) {
        throw new IllegalArgumentException(
            path + ": " + MASK + " keeps the stored secret, and none is stored: send the secret");
      }
      parent.put(leaf, s);
    }
    return out;
  }

  /** Whether any path of {@code definition} holds the mask. */
  public static boolean masked(JsonObject definition, List<String> paths) {
    for (String path : paths) {
      JsonObject parent = parent(definition, path);
      if (parent != null && MASK.equals(parent.getValue(leaf(path)))) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject parent(JsonObject root, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return root;
    }
    return root.getValue(path.substring(0, dot)) instanceof JsonObject o ? o : null;
  }

  private static String leaf(String path) {
    return path.substring(path.indexOf('.') + 1);
  }
}
