package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.store.Database;
import io.rtdcs.store.DurableMaps;
import io.rtdcs.store.PostgresServer;
import io.rtdcs.store.PrivacyMark;
import io.rtdcs.store.StoreOptions;
import io.rtdcs.store.TableEntryStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deletion written through {@code rtdcs.privacy} erases the visitor's rows in the same
 * transaction: its profile, the links that point to it, its queued pushes; a link that only
 * remembers it as an earlier device forgets it; other visitors' rows stay. Marks merge, never go
 * back, and an opt-out outlives the deletion. On both databases; on PostgreSQL the links that name
 * the visitor are found through an index, not a scan of {@code rtdcs_ids}.
 */
class PrivacyEntryStoreTest {
  private static PostgresServer postgres;
  private static int databases;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.create();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static StoreOptions options(String backend) throws Exception {
    StoreOptions o = new StoreOptions().setBackend(backend);
    if (backend.equals("postgresql")) {
      return o.setUrl(postgres.createDatabase("p" + (++databases))).setUser(PostgresServer.USER);
    }
    return o.setPath(Files.createTempDirectory("rtdcs-privacy-").toString());
  }

  @Test
  void onPostgresqlTheLinksThatNameAVisitorShouldBeFoundThroughAnIndex() throws Exception {
    try (Database db = Database.open(options("postgresql"));
        var c = db.connection();
        var s = c.createStatement()) {
      s.execute(
          "SET enable_seqscan = off"); // an empty table: make the planner show what it can use
      var plan = new StringBuilder();
      try (var rs =
          s.executeQuery(
              "EXPLAIN "
                  + db.dialect()
                      .rowsNaming(DurableMaps.table(ClusterMaps.IDS))
                      .replace("?", "'u1'"))) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).contains("rtdcs_ids_ref_tokens").doesNotContain("Seq Scan");
    }
  }

  private static final long NOW = 1_800_000_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private static final long LATER = NOW + 86_400_000L;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgresql"})
  void aDeletionShouldEraseEveryRowThatNamesTheVisitorAndNoOther(String backend) throws Exception {
    try (Database db = Database.open(options(backend))) {
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
      // a uuid that contains the deleted one must not match it
      ids.store("9|d", new MetadataAwareValue<>(new IdLink("u10", NOW, List.of("xu1")), LATER));
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
      assertThat(ids.loadAll(List.of("9|a", "9|b", "9|c", "9|d")))
          .containsOnlyKeys("9|b", "9|c", "9|d");
      assertThat(ids.load("9|d").getValue().devices()).containsExactly("xu1");
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
