package io.rtdcs.segment.definitions;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * A Profile Merge Rule (Audience Manager's term): which profiles a segment's rule sees, in real
 * time at each call. {@code authenticated} picks people's profiles (keyed by a proven declared ID,
 * see docs/profiles.md "People"), {@code devices} the device profiles; the segment sees the sum of
 * the picked profiles' traits. Read only: no profile is ever copied into another.
 *
 * <p>Rule {@value #DEFAULT_ID} is the rule of every segment that names none; unless it is defined
 * it is {@link #BUILT_IN_DEFAULT} (the current authenticated profile and this device).
 */
public record MergeRule(
    int id, String name, Authenticated authenticated, Devices devices, JsonObject json) {

  /** The id of the rule segments use when they name none. */
  public static final int DEFAULT_ID = 0;

  public static final int MAX_NAME_LENGTH = 255;

  /** The default rule when none is defined: what a segment saw before merge rules existed. */
  public static final MergeRule BUILT_IN_DEFAULT =
      new MergeRule(
          DEFAULT_ID,
          "Current authenticated profile + this device",
          Authenticated.CURRENT,
          Devices.THIS,
          new JsonObject()
              .put("id", DEFAULT_ID)
              .put("name", "Current authenticated profile + this device")
              .put("authenticated", "current")
              .put("devices", "this"));

  /** Which people's (authenticated) profiles a rule adds. */
  public enum Authenticated {
    /** None. */
    NONE,
    /** The profile of the declared ID this call authenticates (auth state 1), if any. */
    CURRENT,
    /**
     * The profile of the declared ID this device authenticated last (state 1, or 2 = logged out
     * since).
     */
    LAST,
    /** The profiles of every declared ID this device authenticated (state 1 or 2), at most 10. */
    ALL
  }

  /** Which device profiles a rule adds. */
  public enum Devices {
    /** The calling device's own profile. */
    THIS,
    /** No device profile: people's profiles only. */
    NONE,
    /** This device and the devices linked to its proven declared IDs (at most 10 others). */
    LINKED
  }

  public MergeRule {
    java.util.Objects.requireNonNull(authenticated, "authenticated");
    java.util.Objects.requireNonNull(devices, "devices");
  }

  /** Whether the rule reads anything beyond the calling device's own profile. */
  public boolean readsBeyondDevice() {
    return authenticated != Authenticated.NONE || devices == Devices.LINKED;
  }

  /** Parses and validates an admin or config definition; 400 naming the field when wrong. */
  public static MergeRule fromJson(JsonObject in) {
    if (!in.containsKey("id")) {
      throw RequestException.badRequest("id", "required");
    }
    int id = JsonFields.requireInt(in, "id", "id");
    if (id < 0) {
      throw RequestException.badRequest("id", "must be 0 (the default rule) or positive");
    }
    String name = JsonFields.requireString(in, "name", "name");
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw RequestException.badRequest("name", "1 to " + MAX_NAME_LENGTH + " characters");
    }
    Authenticated auth =
        parse(
            Authenticated.class,
            JsonFields.requireString(in, "authenticated", "authenticated"),
            "authenticated");
    Devices devices =
        parse(Devices.class, JsonFields.requireString(in, "devices", "devices"), "devices");
    if (auth == Authenticated.NONE && devices == Devices.NONE) {
      throw RequestException.badRequest(
          "devices", "a rule with no authenticated profile and no device sees nothing");
    }
    JsonObject json =
        in.copy()
            .put("id", id)
            .put("name", name)
            .put("authenticated", auth.name().toLowerCase(Locale.ROOT))
            .put("devices", devices.name().toLowerCase(Locale.ROOT));
    return new MergeRule(id, name, auth, devices, json);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw RequestException.badRequest(field, "must be one of " + allowed);
  }
}
