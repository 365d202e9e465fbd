package io.rtdcs.segment.store;

import io.rtdcs.common.ClusterMaps;
import io.rtdcs.store.Database;
import io.rtdcs.store.DurableMaps;
import io.rtdcs.store.PrivacyMark;
import io.rtdcs.store.TableEntryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes privacy actions through ({@code rtdcs.privacy}): in one transaction, the visitor's mark
 * (never weakened: each time is the latest of the stored and the new one) and, for a deletion,
 * everything the database holds about the visitor: the profile row, the ID links that point to it
 * (links that only remember it as an earlier device forget it), and its queued pushes. The change
 * is durable before the action is acknowledged; the profile store consults the mark on every load
 * and write afterwards, so nothing written behind before the deletion comes back.
 */
public final class PrivacyEntryStore extends TableEntryStore<String, PrivacyMark> {
  /** After this, no write of data collected before a deletion can still be on its way. */
  static final Duration DELETION_KEPT = Duration.ofDays(120);

  private final Duration optOutKept;

  public PrivacyEntryStore(Database database, Clock clock, Duration optOutKept) {
    super(database, DurableMaps.table(ClusterMaps.PRIVACY), PrivacyMark.CODEC, false, null, clock);
    this.optOutKept = optOutKept;
  }

  @Override
  public void storeAll(Map<String, MetadataAwareValue<PrivacyMark>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Database db = database();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Map<String, PrivacyMark> stored = marks(c, new ArrayList<>(entries.keySet()));
        for (Map.Entry<String, MetadataAwareValue<PrivacyMark>> e : entries.entrySet()) {
          String uuid = e.getKey();
          PrivacyMark mark = e.getValue().getValue();
          PrivacyMark old = stored.get(uuid);
          if (old != null) {
            mark =
                new PrivacyMark(
                    Math.max(old.optedOutAt(), mark.optedOutAt()),
                    Math.max(old.deletedAt(), mark.deletedAt()));
          }
          try (PreparedStatement s = c.prepareStatement(db.dialect().upsert(table()))) {
            s.setString(1, uuid);
            s.setBytes(2, PrivacyMark.CODEC.encode(mark));
            s.setLong(3, keptUntil(mark));
            s.setString(4, null);
            s.executeUpdate();
          }
          if (mark.isDeleted() && (old == null || old.deletedAt() < mark.deletedAt())) {
            eraseRows(c, uuid);
          }
        }
        c.commit();
        mutableStats().written(entries.size());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      mutableStats().writeFailed(entries.size());
      throw new IllegalStateException(
          table() + ": cannot write " + entries.size() + " privacy actions: " + e.getMessage(), e);
    }
  }

  /**
   * An opt-out lives at least as long as the visitor cookie; a deletion as long as stale writes.
   */
  long keptUntil(PrivacyMark mark) {
    long until = 0;
    if (mark.isOptedOut()) {
      until = mark.optedOutAt() + optOutKept.toMillis();
    }
    if (mark.isDeleted()) {
      until = Math.max(until, mark.deletedAt() + DELETION_KEPT.toMillis());
    }
    return until;
  }

  private void eraseRows(Connection c, String uuid) throws SQLException {
    // a device's key is its uuid; a person's ("dpid:id") names its profile and its own link
    for (String map : List.of(ClusterMaps.PROFILES, ClusterMaps.PEOPLE, ClusterMaps.IDS)) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM " + DurableMaps.table(map) + " WHERE k = ?")) {
        s.setString(1, uuid);
        s.executeUpdate();
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM " + DurableMaps.table(ClusterMaps.OUTBOUND) + " WHERE ref = ?")) {
      s.setString(1, uuid);
      s.executeUpdate();
    }
    String ids = DurableMaps.table(ClusterMaps.IDS);
    List<String> gone = new ArrayList<>();
    List<Map.Entry<String, IdLink>> kept = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(database().dialect().rowsNaming(ids))) {
      s.setString(1, uuid);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          IdLink link;
          try {
            link = IdLinkRows.CODEC.decode(rs.getBytes(2));
          } catch (IllegalArgumentException e) {
            gone.add(rs.getString(1)); // unreadable: it may name the visitor, so it goes
            continue;
          }
          if (link.uuid().equals(uuid)) {
            gone.add(rs.getString(1));
          } else if (link.devices().contains(uuid)) {
            List<String> devices = new ArrayList<>(link.devices());
            devices.remove(uuid);
            kept.add(Map.entry(rs.getString(1), new IdLink(link.uuid(), link.linkedAt(), devices)));
          }
        }
      }
    }
    if (!gone.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + ids + " WHERE k = ?")) {
        for (String k : gone) {
          s.setString(1, k);
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!kept.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement("UPDATE " + ids + " SET v = ?, ref = ? WHERE k = ?")) {
        for (Map.Entry<String, IdLink> e : kept) {
          s.setBytes(1, IdLinkRows.CODEC.encode(e.getValue()));
          s.setString(2, IdLinkRows.CODEC.ref(e.getKey(), e.getValue()));
          s.setString(3, e.getKey());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
  }
}
