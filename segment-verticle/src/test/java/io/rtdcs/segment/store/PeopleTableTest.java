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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rtdcs.people} and {@code rtdcs.mergerules} have their tables on both databases (migration
 * V3): a person's profile, keyed by its declared ID, is written and loads back whole with its
 * expiry, is swept once expired, and a merge rule's JSON is kept by its id, 0 included.
 */
class PeopleTableTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
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
      return o.setUrl(postgres.createDatabase("people" + (++databases)))
          .setUser(PostgresServer.USER);
    }
    return o.setPath(Files.createTempDirectory("rtdcs-people-").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgresql"})
  void aPersonsProfileShouldSurviveThroughItsTableUntilItExpires(String backend) throws Exception {
    try (Database db = Database.open(options(backend))) {
      TableEntryStore<String, Profile> people =
          new TableEntryStore<>(
              db,
              DurableMaps.table(ClusterMaps.PEOPLE),
              ProfileRows.CODEC,
              false,
              ProfileRows.PRIVACY,
              CLOCK);
      Profile person = new Profile();
      person.setLastSeen(NOW - 1_000);
      TraitRecord t = new TraitRecord(1001, NOW - 3_600_000L, NOW - 1_000, 3, 120);
      person.traits().put(1001, t);
      person.setSegments(new int[] {5001});
      people.storeAll(
          Map.of(
              "20915:alice", new MetadataAwareValue<>(person, NOW + 86_400_000L),
              "20915:gone", new MetadataAwareValue<>(new Profile(), NOW - 1)));

      MetadataAwareValue<Profile> back = people.load("20915:alice");
      assertThat(back.getExpirationTime()).isEqualTo(NOW + 86_400_000L);
      assertThat(back.getValue().traits().get(1001).count()).isEqualTo(3L);
      assertThat(back.getValue().segments()).containsExactly(5001);
      assertThat(people.load("20915:gone")).isNull();
      assertThat(people.sweep()).isEqualTo(1);
      assertThat(people.loadAll(List.of("20915:alice", "20915:gone")))
          .containsOnlyKeys("20915:alice");

      TableEntryStore<Integer, String> rules =
          new TableEntryStore<>(
              db,
              DurableMaps.table(ClusterMaps.MERGE_RULES),
              io.rtdcs.store.RowCodec.idToText(),
              true,
              null,
              CLOCK);
      rules.store(0, new MetadataAwareValue<>("{\"id\":0}"));
      rules.store(1, new MetadataAwareValue<>("{\"id\":1}"));
      assertThat(rules.loadAllKeys()).containsExactlyInAnyOrder(0, 1);
      assertThat(rules.load(0).getValue()).isEqualTo("{\"id\":0}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgresql"})
  void aDeletionByDeclaredIdShouldEraseThePersonsRowAndLinkAndAnOptOutShouldHideItsTraits(
      String backend) throws Exception {
    try (Database db = Database.open(options(backend))) {
      TableEntryStore<String, Profile> people =
          new TableEntryStore<>(
              db,
              DurableMaps.table(ClusterMaps.PEOPLE),
              ProfileRows.CODEC,
              false,
              ProfileRows.PRIVACY,
              CLOCK);
      var ids =
          new TableEntryStore<>(
              db, DurableMaps.table(ClusterMaps.IDS), IdLinkRows.CODEC, false, null, CLOCK);
      PrivacyEntryStore privacy = new PrivacyEntryStore(db, CLOCK, java.time.Duration.ofDays(400));
      for (String key : List.of("20915:deleted", "20915:opted-out", "20915:kept")) {
        Profile person = new Profile();
        person.setLastSeen(NOW - 1_000);
        person.traits().put(1001, new TraitRecord(1001, NOW - 2_000, NOW - 1_000, 2, 120));
        people.store(key, new MetadataAwareValue<>(person, NOW + 86_400_000L));
        ids.store(key, new MetadataAwareValue<>(new IdLink("u1", NOW), NOW + 86_400_000L));
      }

      privacy.store("20915:deleted", new MetadataAwareValue<>(PrivacyMark.NONE.deleted(NOW)));
      privacy.store("20915:opted-out", new MetadataAwareValue<>(PrivacyMark.NONE.optedOut(NOW)));

      assertThat(people.load("20915:deleted")).as("the deleted person's row").isNull();
      assertThat(ids.load("20915:deleted")).as("the declared ID's link row").isNull();
      Profile optedOut = people.load("20915:opted-out").getValue();
      assertThat(optedOut.optedOut()).isTrue();
      assertThat(optedOut.traits()).isEmpty();
      assertThat(people.load("20915:kept").getValue().traits()).containsOnlyKeys(1001);
      assertThat(ids.load("20915:kept")).isNotNull();
    }
  }
}
