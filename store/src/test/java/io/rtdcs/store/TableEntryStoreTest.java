package io.rtdcs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One durable map against both real databases: the embedded H2 file and a PostgreSQL server. */
class TableEntryStoreTest {
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
    postgres.close();
  }

  static Stream<String> backends() {
    return Stream.of("embedded", "postgresql");
  }

  /** A new, empty database of the given backend, schema migrated. */
  static Database open(String backend) throws Exception {
    StoreOptions o = new StoreOptions().setBackend(backend);
    if (backend.equals("postgresql")) {
      o.setUrl(postgres.createDatabase("t" + (++databases))).setUser(PostgresServer.USER);
    } else {
      o.setPath(Files.createTempDirectory("rtdcs-h2-").toString());
    }
    return Database.open(o);
  }

  private static TableEntryStore<String, String> meta(Database db) {
    return new TableEntryStore<>(db, "rtdcs_meta", RowCodec.text(), true, null, CLOCK);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aStoredEntryShouldLoadWithItsExpiryAndAnExpiredOneNever(String backend) throws Exception {
    try (Database db = open(backend)) {
      TableEntryStore<String, String> store = meta(db);
      store.storeAll(
          Map.of(
              "fresh", new MetadataAwareValue<>("v1", NOW + 60_000),
              "forever", new MetadataAwareValue<>("v2"),
              "stale", new MetadataAwareValue<>("v3", NOW - 1)));

      assertThat(store.load("fresh").getValue()).isEqualTo("v1");
      assertThat(store.load("fresh").getExpirationTime()).isEqualTo(NOW + 60_000);
      assertThat(store.load("forever").getExpirationTime())
          .isEqualTo(MetadataAwareValue.NO_TIME_SET);
      assertThat(store.load("stale")).isNull();
      assertThat(store.load("absent")).isNull();
      assertThat(store.loadAllKeys()).containsExactlyInAnyOrder("fresh", "forever");

      assertThat(store.sweep()).isEqualTo(1);
      store.store("fresh", new MetadataAwareValue<>("v1b", NOW + 60_000));
      store.delete("forever");
      assertThat(store.loadAll(List.of("fresh", "forever", "stale")))
          .containsOnlyKeys("fresh")
          .extractingByKey("fresh")
          .extracting(MetadataAwareValue::getValue)
          .isEqualTo("v1b");
      assertThat(store.stats().rowsWritten()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aBatchLargerThanOneStatementShouldBeWrittenAndLoadedWhole(String backend) throws Exception {
    try (Database db = open(backend)) {
      TableEntryStore<String, String> store = meta(db);
      Map<String, MetadataAwareValue<String>> batch = new HashMap<>();
      for (int i = 0; i < 1_000; i++) {
        batch.put("k" + i, new MetadataAwareValue<>("v" + i, NOW + 1_000));
      }
      store.storeAll(batch);
      assertThat(store.loadAll(batch.keySet())).hasSize(1_000);
      store.deleteAll(batch.keySet());
      assertThat(store.loadAll(batch.keySet())).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aPrivacyMarkShouldDecideWhatIsStoredAndLoaded(String backend) throws Exception {
    try (Database db = open(backend)) {
      // a value is "<lastSeen>"; the policy refuses values last seen before the deletion
      PrivacyPolicy<String> policy =
          (v, mark) -> mark.isDeleted() && Long.parseLong(v) <= mark.deletedAt() ? null : v;
      TableEntryStore<String, String> profiles =
          new TableEntryStore<>(db, "rtdcs_profiles", RowCodec.text(), false, policy, CLOCK);
      TableEntryStore<String, PrivacyMark> privacy =
          new TableEntryStore<>(db, "rtdcs_privacy", PrivacyMark.CODEC, false, null, CLOCK);
      profiles.store("u1", new MetadataAwareValue<>("100", NOW + 1_000));

      privacy.store("u1", new MetadataAwareValue<>(PrivacyMark.NONE.deleted(200), NOW + 1_000));
      assertThat(profiles.load("u1")).as("stored before the deletion").isNull();

      profiles.store("u1", new MetadataAwareValue<>("150", NOW + 1_000));
      assertThat(profiles.load("u1")).as("a stale write after the deletion").isNull();
      assertThat(profiles.stats().refusedByPrivacy()).isEqualTo(2);

      profiles.store("u1", new MetadataAwareValue<>("300", NOW + 1_000));
      assertThat(profiles.load("u1").getValue()).as("a visit after the deletion").isEqualTo("300");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void anOptOutShouldOutliveTheRowItWasRecordedIn(String backend) throws Exception {
    try (Database db = open(backend)) {
      PrivacyPolicy<String> policy =
          new PrivacyPolicy<>() {
            @Override
            public String apply(String v, PrivacyMark mark) {
              return v;
            }

            @Override
            public String absent(PrivacyMark mark) {
              return mark.isOptedOut() ? "opted-out since " + mark.optedOutAt() : null;
            }
          };
      TableEntryStore<String, String> profiles =
          new TableEntryStore<>(db, "rtdcs_profiles", RowCodec.text(), false, policy, CLOCK);
      TableEntryStore<String, PrivacyMark> privacy =
          new TableEntryStore<>(db, "rtdcs_privacy", PrivacyMark.CODEC, false, null, CLOCK);
      privacy.store("out", new MetadataAwareValue<>(PrivacyMark.NONE.optedOut(100), NOW + 1_000));
      privacy.store("gone", new MetadataAwareValue<>(PrivacyMark.NONE.deleted(100), NOW + 1_000));
      // the opted-out visitor's profile row expired long ago
      profiles.store("out", new MetadataAwareValue<>("old", NOW - 1));

      assertThat(profiles.load("out").getValue()).isEqualTo("opted-out since 100");
      assertThat(profiles.loadAll(List.of("out", "gone", "nobody")))
          .as("a deletion alone leaves nothing")
          .containsOnlyKeys("out");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aLoadShouldNotWaitBehindWritesThatHoldEveryWriteConnection(String backend) throws Exception {
    try (Database db = open(backend)) {
      TableEntryStore<String, String> store = meta(db);
      store.store("kept", new MetadataAwareValue<>("v"));
      // write-behind draining a backlog: every connection of the write pool taken
      List<java.sql.Connection> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < new StoreOptions().getPoolSize(); i++) {
          held.add(db.connection());
        }
        // on a shared pool this waited for the pool's timeout (2 s) and then failed
        assertThat(store.load("kept").getValue()).isEqualTo("v");
      } finally {
        for (java.sql.Connection c : held) {
          c.close();
        }
      }
    }
  }

  @Test
  void aRowThatCannotBeReadShouldBeSkippedAndCounted() throws Exception {
    try (Database db = open("embedded")) {
      TableEntryStore<String, PrivacyMark> privacy =
          new TableEntryStore<>(db, "rtdcs_privacy", PrivacyMark.CODEC, false, null, CLOCK);
      TableEntryStore<String, String> raw =
          new TableEntryStore<>(db, "rtdcs_privacy", RowCodec.text(), false, null, CLOCK);
      raw.store("u1", new MetadataAwareValue<>("not sixteen bytes", NOW + 1_000));
      assertThat(privacy.load("u1")).isNull();
      assertThat(privacy.stats().unreadableRows()).isEqualTo(1);
    }
  }

  @Test
  void aDatabaseThatIsDownShouldFailTheCallWithTheTableName() throws Exception {
    Database db = open("postgresql");
    TableEntryStore<String, String> store = meta(db);
    postgres.stop();
    try {
      assertThatThrownBy(() -> store.load("k"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("rtdcs_meta: cannot load");
      assertThatThrownBy(() -> store.store("k", new MetadataAwareValue<>("v")))
          .hasMessageContaining("rtdcs_meta: cannot write 1 rows");
      assertThat(store.stats().writeFailures()).isEqualTo(1);
      assertThat(db.reachable()).isFalse();
    } finally {
      postgres.start();
    }
    // the pools recover once the server is back: a connection the restart broke may fail one
    // more write (write-behind retries it; a privacy write answers 503 and its caller retries)
    org.awaitility.Awaitility.await("a write after the restart")
        .atMost(java.time.Duration.ofSeconds(10))
        .ignoreExceptionsInstanceOf(IllegalStateException.class)
        .untilAsserted(() -> store.store("k", new MetadataAwareValue<>("v")));
    assertThat(store.load("k").getValue()).isEqualTo("v");
    db.close();
  }

  @Test
  void optionsShouldRefuseWhatCannotWork() {
    assertThatThrownBy(() -> new StoreOptions().setBackend("mysql"))
        .hasMessageContaining("store.backend");
    assertThatThrownBy(() -> new StoreOptions().setBackend("postgresql").validate())
        .hasMessageContaining("store.url: required");
    assertThatThrownBy(() -> new StoreOptions().setUrl("jdbc:mysql://x"))
        .hasMessageContaining("store.url");
    assertThatThrownBy(() -> new StoreOptions().setWriteDelaySeconds(0))
        .hasMessageContaining("store.writeDelaySeconds");
    assertThat(
            new StoreOptions()
                .setBackend("postgresql")
                .setUrl("jdbc:postgresql://h/db")
                .setPassword("s3cret")
                .toString())
        .doesNotContain("s3cret");
  }
}
