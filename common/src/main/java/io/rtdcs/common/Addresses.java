package io.rtdcs.common;

/** Event-bus addresses shared by the modules. The contract behind each is in docs/event-bus.md. */
public final class Addresses {
  /** partner-verticle: fan out one lookup to every partner that applies. */
  public static final String PARTNER_LOOKUP = "dcs.partners.lookup";

  /** partner-verticle: may /ibs redirect to this URL for this dpid? */
  public static final String PARTNER_SYNC_POLICY = "dcs.partners.sync-policy";

  /** Prefix of an event-bus partner's own address: {@code dcs.partner.<dpid>}. */
  public static final String PARTNER_PREFIX = "dcs.partner.";

  /** segment-verticle: read-only visitor resolution before the partner step. */
  public static final String PROFILE_RESOLVE = "dcs.profiles.resolve";

  /** segment-verticle: one atomic realize-evaluate-store of a profile. */
  public static final String PROFILE_REALIZE = "dcs.profiles.realize";

  /** segment-verticle: record an ID sync (dpid, dpuuid) to uuid. */
  public static final String ID_SYNC = "dcs.ids.sync";

  /** segment-verticle: opt a visitor out. */
  public static final String PROFILE_OPTOUT = "dcs.profiles.optout";

  /** segment-verticle: read a whole profile (admin). */
  public static final String PROFILE_GET = "dcs.profiles.get";

  /** segment-verticle: erase everything stored about a visitor (data-subject deletion). */
  public static final String PROFILE_DELETE = "dcs.profiles.delete";

  /**
   * segment-verticle: hold an accepted call that is answered before it is stored ({@code
   * rtdcs.pending}, backed up), so that a member replays it if the node delivering it dies.
   */
  public static final String CALL_HOLD = "dcs.calls.hold";

  /** segment-verticle: a held call is stored; forget it. */
  public static final String CALL_RELEASE = "dcs.calls.release";

  /** dcs-verticle: collect a held call whose own delivery did not complete (its node died). */
  public static final String CALL_REPLAY = "dcs.calls.replay";

  /** Admin CRUD of the cluster-wide definitions. */
  public static final String ADMIN_PARTNERS = "dcs.admin.partners";

  public static final String ADMIN_TRAITS = "dcs.admin.traits";
  public static final String ADMIN_SEGMENTS = "dcs.admin.segments";
  public static final String ADMIN_DESTINATIONS = "dcs.admin.destinations";
  public static final String ADMIN_MERGE_RULES = "dcs.admin.mergerules";

  /** segment-verticle: import (or restore) traits, segments and destinations as one set. */
  public static final String ADMIN_DEFINITIONS = "dcs.admin.definitions";

  public static String partner(int dpid) {
    return PARTNER_PREFIX + dpid;
  }

  private Addresses() {}
}
