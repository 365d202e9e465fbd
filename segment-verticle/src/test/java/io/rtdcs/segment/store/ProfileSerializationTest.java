package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.rtdcs.segment.TestMembers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ProfileSerializationTest {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileSerializationTest.class);
  private static final long NOW = 1_764_400_000_000L;
  private static List<HazelcastInstance> members;
  private static SerializationService ss;

  @BeforeAll
  static void start() {
    members = TestMembers.start(1);
    ss = ((SerializationServiceSupport) members.get(0)).getSerializationService();
  }

  @AfterAll
  static void stop() {
    TestMembers.shutdown(members);
  }

  static Profile tenTraitsThreeSegments() {
    Profile p = new Profile();
    p.setLastSeen(NOW);
    for (int i = 0; i < 10; i++) {
      int sid = 1001 + i * 1000;
      TraitRecord t = new TraitRecord(sid, NOW - i * 3_600_000L, NOW - i * 60_000L, 1 + i, 120);
      t.realize(NOW - i * 60_000L, 120, Long.MAX_VALUE, i < 3 ? 7 : 0);
      p.traits().put(sid, t);
    }
    p.setSegments(new int[] {5001, 5002, 5003});
    return p;
  }

  @Test
  void profileWithTenTraitsAndThreeSegmentsShouldTakeAtMost256Bytes() {
    Data data = ss.toData(tenTraitsThreeSegments());
    LOG.info("serialized profile (10 traits, 3 segments): {} bytes", data.totalSize());
    assertThat(data.totalSize()).isLessThanOrEqualTo(256);
  }

  @Test
  void profileShouldSurviveARoundTripWithEveryField() {
    Profile p = everyField();

    for (Profile back : List.of(ss.<Profile>toObject(ss.toData(p)), rowRoundTrip(p))) {
      assertEveryField(p, back);
    }
    p.setOptedOut(true);
    assertThat(ss.<Profile>toObject(ss.toData(p)).optedOut()).isTrue();
  }

  private static Profile everyField() {
    Profile p = tenTraitsThreeSegments();
    p.syncedIds().put(9001, "partner-id-42");
    p.addDeclaredId(new DeclaredId(20915, "AB-12", 1));
    p.partners()
        .put(9001, new PartnerEntry(9001, List.of("auto", "shoes"), NOW - 5, NOW + 600_000));
    p.appliedCalls().record(AppliedCalls.key("tid-one"), NOW - 2_000);
    p.appliedCalls().record(AppliedCalls.key("tid-two"), NOW);
    return p;
  }

  @Test
  void aProfileOnlyPassedOnShouldBeWrittenFromTheBytesItWasReadFrom() {
    Profile read = ss.toObject(ss.toData(everyField()));
    byte[] traits = read.traitsBytes();
    // Hazelcast's write-behind hands the database a profile it just read: nothing is decoded and
    // encoded again, the row carries the parts as read
    assertThat(read.traitsBytes()).isSameAs(traits);
    byte[] row = ProfileRows.CODEC.encode(read);
    assertThat(read.traitsBytes()).isSameAs(traits);
    assertThat(row).isEqualTo(ProfileRows.CODEC.encode(everyField()));
    assertEveryField(everyField(), ProfileRows.CODEC.decode(row));
    assertEveryField(everyField(), ss.toObject(ss.toData(read)));
  }

  @Test
  void aPackedProfileSeenLaterShouldKeepEveryTimeOfItsParts() {
    Profile read = ss.toObject(ss.toData(everyField()));
    // the packed parts count from the old lastSeen: a new one must not shift them
    read.setLastSeen(NOW + 86_400_000L);
    Profile back = ss.toObject(ss.toData(read));
    assertThat(back.lastSeen()).isEqualTo(NOW + 86_400_000L);
    back.setLastSeen(NOW);
    assertEveryField(everyField(), back);
    assertEveryField(everyField(), rowRoundTrip(back));
  }

  @Test
  void aPackedProfileShouldDecodeEachPartWhereItIsUsed() {
    Profile read = ss.toObject(ss.toData(everyField()));
    read.addDeclaredId(new DeclaredId(20915, "CD-34", 1));
    read.clearData();
    Profile back = rowRoundTrip(ss.toObject(ss.toData(read)));
    assertThat(back.traits()).isEmpty();
    assertThat(back.partners()).isEmpty();
    assertThat(back.appliedCalls().isEmpty()).isTrue();
    assertThat(back.syncedIds()).isEqualTo(Map.of(9001, "partner-id-42"));
    assertThat(back.declaredIds())
        .containsExactly(new DeclaredId(20915, "AB-12", 1), new DeclaredId(20915, "CD-34", 1));
    assertThat(back.knownIds()).isEqualTo(Map.of(9001, "partner-id-42", 20915, "CD-34"));
  }

  private static Profile rowRoundTrip(Profile p) {
    return ProfileRows.CODEC.decode(ProfileRows.CODEC.encode(p));
  }

  @Test
  void aRowWrittenBeforeAppliedCallsExistedShouldStillLoad() {
    Profile p = tenTraitsThreeSegments();
    long lastSeen = p.lastSeen();
    // version 1: no applied calls after the partners
    VarBytes.Writer w =
        new VarBytes.Writer().unsigned(ProfileRows.VERSION_WITHOUT_CALLS).signed(lastSeen);
    w.unsigned(0).unsigned(3).unsigned(5001).unsigned(5002).unsigned(5003);
    w.bytes(ProfileSerializer.writeTraits(p, lastSeen)).bytes(null).bytes(null);

    Profile back = ProfileRows.CODEC.decode(w.toBytes());

    assertThat(back.segments()).containsExactly(5001, 5002, 5003);
    assertThat(back.traits()).hasSize(10);
    assertThat(back.appliedCalls().isEmpty()).isTrue();
  }

  private static void assertEveryField(Profile p, Profile back) {
    assertThat(back.lastSeen()).isEqualTo(NOW);
    assertThat(back.optedOut()).isFalse();
    assertThat(back.appliedCalls().contains(AppliedCalls.key("tid-one"))).isTrue();
    assertThat(back.appliedCalls().contains(AppliedCalls.key("tid-two"))).isTrue();
    assertThat(back.appliedCalls().contains(AppliedCalls.key("tid-three"))).isFalse();
    assertThat(back.segments()).containsExactly(5001, 5002, 5003);
    assertThat(back.traits()).hasSize(10);
    for (TraitRecord t : p.traits().values()) {
      TraitRecord b = back.traits().get(t.sid());
      assertThat(b.firstRealized()).isEqualTo(t.firstRealized());
      assertThat(b.lastRealized()).isEqualTo(t.lastRealized());
      assertThat(b.count()).isEqualTo(t.count());
      assertThat(b.expiresAt()).isEqualTo(t.expiresAt());
      assertThat(b.dailyCounts()).isEqualTo(t.dailyCounts());
    }
    assertThat(back.syncedIds()).isEqualTo(Map.of(9001, "partner-id-42"));
    assertThat(back.declaredIds()).containsExactly(new DeclaredId(20915, "AB-12", 1));
    assertThat(back.partners().get(9001))
        .isEqualTo(new PartnerEntry(9001, List.of("auto", "shoes"), NOW - 5, NOW + 600_000));
  }

  @Test
  void processorsShouldTravelAsCompactNotJavaSerialization() {
    RealizeCommand cmd =
        new RealizeCommand(
            Map.of("c_category", List.of("shoes"), "p_secret", List.of("x")),
            List.of(3001),
            List.of(),
            List.of(new DeclaredId(20915, "AB-12", 1)),
            List.of(new PartnerOutcome(9001, List.of("auto-intender"), 600)),
            NOW,
            "Zm9vYmFyYmF6");
    Data data = ss.toData(new RealizeProcessor(cmd));
    assertThat(data.getType()).isEqualTo(-55); // Compact's type id

    RealizeProcessor back = ss.toObject(data);

    assertThat(back.command().signals()).isEqualTo(cmd.signals());
    assertThat(back.command().sids()).containsExactly(3001);
    assertThat(back.command().declaredIds()).isEqualTo(cmd.declaredIds());
    assertThat(back.command().partners()).isEqualTo(cmd.partners());
    assertThat(back.command().now()).isEqualTo(NOW);
    assertThat(back.command().tid()).isEqualTo("Zm9vYmFyYmF6");
    assertThat(ss.toData(new SyncIdProcessor(1, "a", NOW)).getType()).isEqualTo(-55);
    assertThat(ss.toData(new OptOutProcessor(NOW)).getType()).isEqualTo(-55);
    assertThat(ss.toData(new ProfileBackupProcessor(new Profile(), 5)).getType()).isEqualTo(-55);
  }
}
