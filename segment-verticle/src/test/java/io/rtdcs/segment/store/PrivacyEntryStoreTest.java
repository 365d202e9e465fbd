package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.store.Database;
import io.rtdcs.store.DurableMaps;
import io.rtdcs.store.PrivacyMark;
import io.rtdcs.store.StoreOptions;
import io.rtdcs.store.TableEntryStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deletion written through {@code rtdcs.privacy} erases the visitor's rows in the same
 * transaction: its profile, the links that point to it, its queued pushes; a link that only
 * remembers it as an earlier device forgets it; other visitors' rows stay. Marks merge, never go
 * back, and an opt-out outlives the deletion. On the embedded database (the same SQL runs on
 * PostgreSQL in the node's DurableStateIT).
 */
class PrivacyEntryStoreTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private static final long LATER = NOW + 86_400_000L;

  @Test
  void aDeletionShouldEraseEveryRowThatNamesTheVisitorAndNoOther() throws Exception {
    StoreOptions o =
        new StoreOptions()
            .setBackend("embedded")
            .setPath(Files.createTempDirectory("rtdcs-privacy-").toString());
    try (Database db = Database.open(o)) {
      var profiles =
          new TableEntryStore<>(
              db,
              DurableMaps.table(ClusterMaps.PROFILES),
              ProfileRows.CODEC,
              false,
              ProfileRows.PRIVACY,
              CLOCK);
      var ids =
          new TableEntryStore<>(
              db, DurableMaps.table(ClusterMaps.IDS), IdLinkRows.CODEC, false, null, CLOCK);
      var outbound =
          new TableEntryStore<>(
              db, DurableMaps.table(ClusterMaps.OUTBOUND), OutboundRows.CODEC, true, null, CLOCK);
      PrivacyEntryStore privacy = new PrivacyEntryStore(db, CLOCK, Duration.ofDays(400));

      for (String uuid : List.of("u1", "u2")) {
        Profile p = new Profile();
        p.setLastSeen(NOW - 1_000);
        profiles.store(uuid, new MetadataAwareValue<>(p, LATER));
      }
      ids.store("9|a", new MetadataAwareValue<>(new IdLink("u1", NOW), LATER));
      ids.store("9|b", new MetadataAwareValue<>(new IdLink("u2", NOW, List.of("u1", "u3")), LATER));
      ids.store("9|c", new MetadataAwareValue<>(new IdLink("u3", NOW), LATER));
      outbound.store("7100|u1", new MetadataAwareValue<>("{}"));
      outbound.store("7100|u2", new MetadataAwareValue<>("{}"));

      privacy.store("u1", new MetadataAwareValue<>(PrivacyMark.NONE.optedOut(NOW - 500)));
      privacy.store("u1", new MetadataAwareValue<>(PrivacyMark.NONE.deleted(NOW)));

      try (var c = db.connection();
          var q = c.prepareStatement("SELECT COUNT(*) FROM rtdcs_profiles WHERE k = 'u1'");
          var rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("the deleted visitor's profile row").isZero();
      }
      // the row is gone; what loads is the opt-out alone, which a deletion never undoes
      Profile erased = profiles.load("u1").getValue();
      assertThat(erased.optedOut()).isTrue();
      assertThat(erased.traits()).isEmpty();
      assertThat(profiles.load("u2").getValue().optedOut()).isFalse();
      assertThat(ids.loadAll(List.of("9|a", "9|b", "9|c"))).containsOnlyKeys("9|b", "9|c");
      assertThat(ids.load("9|b").getValue().devices()).containsExactly("u3");
      assertThat(outbound.loadAll(List.of("7100|u1", "7100|u2"))).containsOnlyKeys("7100|u2");

      MetadataAwareValue<PrivacyMark> mark = privacy.load("u1");
      assertThat(mark.getValue())
          .as("merged, not replaced")
          .isEqualTo(new PrivacyMark(NOW - 500, NOW));
      assertThat(mark.getExpirationTime())
          .as("the opt-out outlives the deletion's 120 days")
          .isEqualTo(NOW - 500 + Duration.ofDays(400).toMillis());
    }
  }
}
