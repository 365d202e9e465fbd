package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The varint packing behind the Compact serializers loses nothing, whatever the values. */
class PackingProperties {

  @Property
  void varintsShouldRoundTrip(@ForAll long signed, @ForAll long unsigned, @ForAll String text) {
    byte[] bytes = new VarBytes.Writer().signed(signed).unsigned(unsigned).string(text).toBytes();
    VarBytes.Reader r = new VarBytes.Reader(bytes);
    assertThat(r.signed()).isEqualTo(signed);
    assertThat(r.unsigned()).isEqualTo(unsigned);
    assertThat(r.string()).isEqualTo(text);
    assertThat(r.hasMore()).isFalse();
  }

  @Property(tries = 200)
  void realizeCommandShouldRoundTrip(
      @ForAll @Size(max = 5)
          Map<@StringLength(min = 1, max = 20) String, @Size(max = 3) List<String>> signals,
      @ForAll @Size(max = 5) List<Integer> sids,
      @ForAll @IntRange(min = 1) int dpid,
      @ForAll @StringLength(min = 1, max = 30) String dpuuid,
      @ForAll @IntRange(min = -1, max = 100_000) int ttl,
      @ForAll long now) {
    RealizeCommand cmd =
        new RealizeCommand(
            signals,
            sids,
            List.of(dpid),
            List.of(new DeclaredId(dpid, dpuuid, 2)),
            List.of(new PartnerOutcome(dpid, List.of(dpuuid), ttl)),
            now);
    RealizeCommand back = RealizeCommand.unpack(cmd.pack(), now);
    assertThat(back).isEqualTo(cmd);
  }

  @Property(tries = 200)
  void profileTraitTimesShouldRoundTripAroundLastSeen(
      @ForAll @IntRange(min = 1) int sid,
      @ForAll @IntRange(min = 0, max = 1_000_000_000) int ageMillis,
      @ForAll @IntRange(min = 0, max = 1_000_000_000) int spanMillis,
      @ForAll @IntRange(min = 0, max = 3650) int ttlDays) {
    long lastSeen = 1_764_400_000_000L;
    Profile p = new Profile();
    p.setLastSeen(lastSeen);
    long last = lastSeen - ageMillis;
    TraitRecord t = new TraitRecord(sid, last - spanMillis, last, 0, ttlDays);
    t.realize(last, ttlDays, Long.MAX_VALUE, 30);
    p.traits().put(sid, t);

    Profile back = new Profile();
    back.setLastSeen(lastSeen);
    ProfileSerializer.readTraits(
        new VarBytes.Reader(ProfileSerializer.writeTraits(p, lastSeen)), lastSeen, back);

    TraitRecord b = back.traits().get(sid);
    assertThat(b.firstRealized()).isEqualTo(t.firstRealized());
    assertThat(b.lastRealized()).isEqualTo(t.lastRealized());
    assertThat(b.count()).isEqualTo(1);
    assertThat(b.expiresAt()).isEqualTo(t.expiresAt());
    assertThat(b.dailyCounts()).isEqualTo(t.dailyCounts());
  }
}
