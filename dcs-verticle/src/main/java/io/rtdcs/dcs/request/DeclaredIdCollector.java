package io.rtdcs.dcs.request;

import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.dcs.response.AamError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the declared IDs of one call ({@code d_cid}, {@code d_cid_ic}, {@code d_dpid}+{@code
 * d_dpuuid}) with AAM's limits: at most {@value #MAX_PER_CALL} per call (error 301) and {@value
 * #MAX_PER_DPID} per DPID (error 310); extras are dropped, each limit is reported once (310 once
 * per DPID). An invalid entry is error 300 and dropped. Exact duplicates are kept once.
 */
public final class DeclaredIdCollector {
  public static final int MAX_PER_CALL = 10;
  public static final int MAX_PER_DPID = 3;
  public static final int MAX_DPUUID_LENGTH = 512;
  static final char SEPARATOR = '\u0001';

  private final List<DeclaredIdentity> accepted = new ArrayList<>();
  private final Map<Integer, Integer> perDpid = new HashMap<>();
  private final Set<Integer> dpidOverReported = new HashSet<>();
  private final List<AamError> errors;
  private boolean callOverReported;

  public DeclaredIdCollector(List<AamError> errors) {
    this.errors = errors;
  }

  /** {@code DPID<0x01>DPUUID[<0x01>AUTH]}, already percent-decoded. */
  public void addCid(String value) {
    addParts(value, false);
  }

  /** {@code INTEGRATION_CODE<0x01>DPUUID[<0x01>AUTH]}; codes {@code DSID_<dpid>} are known. */
  public void addCidIc(String value) {
    addParts(value, true);
  }

  /** The deprecated pair {@code d_dpid} + {@code d_dpuuid} (auth 0). */
  public void addPair(String dpid, String dpuuid) {
    Integer id = parseDpid(dpid);
    if (id == null) {
      invalid("d_dpid: expected a data source id (positive integer)");
      return;
    }
    add(id, dpuuid, 0);
  }

  public List<DeclaredIdentity> accepted() {
    return List.copyOf(accepted);
  }

  private void addParts(String value, boolean integrationCode) {
    String key = integrationCode ? "d_cid_ic" : "d_cid";
    int first = value.indexOf(SEPARATOR);
    if (first < 0) {
      invalid(key + ": expected " + (integrationCode ? "CODE" : "DPID") + "%01DPUUID[%01AUTH]");
      return;
    }
    int second = value.indexOf(SEPARATOR, first + 1);
    String head = value.substring(0, first);
    String dpuuid = second < 0 ? value.substring(first + 1) : value.substring(first + 1, second);
    int auth = 0;
    if (second >= 0) {
      String a = value.substring(second + 1);
      if (!(a.equals("0") || a.equals("1") || a.equals("2"))) {
        invalid(key + ": authentication state must be 0, 1 or 2");
        return;
      }
      auth = a.charAt(0) - '0';
    }
    Integer dpid;
    if (integrationCode) {
      dpid = head.startsWith("DSID_") ? parseDpid(head.substring(5)) : null;
      if (dpid == null) {
        invalid(key + ": unknown integration code (only DSID_<dpid> is known)");
        return;
      }
    } else {
      dpid = parseDpid(head);
      if (dpid == null) {
        invalid(key + ": expected a data source id (positive integer) before %01");
        return;
      }
    }
    add(dpid, dpuuid, auth);
  }

  private void add(int dpid, String dpuuid, int auth) {
    if (dpuuid.isEmpty() || dpuuid.length() > MAX_DPUUID_LENGTH) {
      invalid("declared id for dpid " + dpid + ": DPUUID must have 1 to 512 characters");
      return;
    }
    for (DeclaredIdentity d : accepted) {
      if (d.dpid() == dpid && d.dpuuid().equals(dpuuid)) {
        return;
      }
    }
    int count = perDpid.getOrDefault(dpid, 0);
    if (count >= MAX_PER_DPID) {
      if (dpidOverReported.add(dpid)) {
        errors.add(
            new AamError(
                AamError.TOO_MANY_IDS_FOR_DPID,
                "more than 3 declared IDs for dpid " + dpid + "; extras dropped"));
      }
      return;
    }
    if (accepted.size() >= MAX_PER_CALL) {
      if (!callOverReported) {
        callOverReported = true;
        errors.add(
            new AamError(
                AamError.TOO_MANY_CUSTOMER_IDS,
                "more than 10 declared IDs in one call; extras dropped"));
      }
      return;
    }
    perDpid.put(dpid, count + 1);
    accepted.add(new DeclaredIdentity(dpid, dpuuid, auth, false));
  }

  private void invalid(String msg) {
    errors.add(new AamError(AamError.INVALID_CUSTOMER_ID, msg));
  }

  static Integer parseDpid(String s) {
    if (s == null || s.isEmpty() || s.length() > 10) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    long v = Long.parseLong(s);
    return v <= 0 || v > Integer.MAX_VALUE ? null : (int) v;
  }
}
