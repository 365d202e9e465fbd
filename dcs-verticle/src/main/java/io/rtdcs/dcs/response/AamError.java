package io.rtdcs.dcs.response;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** One entry of the answer's {@code errors} list: an Audience Manager error code and a message. */
public record AamError(int code, String msg) {

  /** Unspecified error. */
  public static final int UNSPECIFIED = 0;

  /** Traits not (fully) evaluated: a {@code d_sid} that names no trait, or is not a number. */
  public static final int TRAITS_NOT_EVALUATED = 10;

  /** Invalid AAM UUID ({@code d_uuid}). */
  public static final int INVALID_UUID = 102;

  /** The visitor is opted out. */
  public static final int OPTED_OUT = 171;

  /** The profile store could not be read or written in time: no traits or segments. */
  public static final int PROFILE_UNAVAILABLE = 200;

  /** rtdcs: the node is busy; partners were not asked (the call was realized and answered). */
  public static final int PARTNERS_SKIPPED = 201;

  /** rtdcs: the node is busy; the call is collected, its traits and segments are not returned. */
  public static final int SEGMENTS_DEFERRED = 202;

  /** rtdcs: the node is overloaded; the call was refused (429) and nothing was collected. */
  public static final int OVERLOADED = 203;

  /** Invalid declared (customer) ID. */
  public static final int INVALID_CUSTOMER_ID = 300;

  /** More than 10 declared IDs in one call; extras dropped. */
  public static final int TOO_MANY_CUSTOMER_IDS = 301;

  /** More than 3 declared IDs for one DPID; extras dropped. */
  public static final int TOO_MANY_IDS_FOR_DPID = 310;

  /** Bad percent-encoding: the whole request is ignored. */
  public static final int BAD_ENCODING = 311;

  /** The visitor id was seen at an abnormal rate and is deny-listed for a while. */
  public static final int DENY_LISTED_DEVICE = 306;

  /** TCF: the consent string's CMP is not in the Global CMP List. */
  public static final int CMP_NOT_IN_GCL = 313;

  /** TCF: the consent string's CMP was deleted from the Global CMP List. */
  public static final int CMP_DELETED = 314;

  /** TCF: GDPR applies and the consent string does not grant storage for rtdcs. */
  public static final int NO_CONSENT = 315;

  public AamError {
    Objects.requireNonNull(msg, "msg");
  }

  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("msg", msg);
  }
}
