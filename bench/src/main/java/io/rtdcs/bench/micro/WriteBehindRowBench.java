package io.rtdcs.bench.micro;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.rtdcs.segment.store.AppliedCalls;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.PartnerEntry;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.ProfileRows;
import io.rtdcs.segment.store.SegmentSerialization;
import io.rtdcs.segment.store.TraitRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The write-behind worker's work per profile row: Hazelcast hands the MapStore the profile it
 * deserializes from the entry's binary form, and the row codec encodes it. {@code passedOn}: as
 * rtdcs does it, the packed parts written as read; {@code decodedAndEncoded}: every part decoded
 * first (traits into records, IDs, partner answers, applied calls), then encoded again, as before
 * the profile kept its parts packed. A profile of 10 traits (3 with day counters), 3 segments, 2
 * synced and 2 declared IDs, one cached partner answer and 5 applied calls. Run: {@code java -jar
 * bench/target/rtdcs-bench.jar -f 1 -wi 3 -i 5 -w 1s -r 1s WriteBehindRowBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WriteBehindRowBench {
  private static final long NOW = 1_764_400_000_000L;

  private HazelcastInstance member;
  private SerializationService ss;
  private Data data;

  @Setup(Level.Trial)
  public void start() {
    Config config = new Config().setClusterName("rtdcs-bench-row");
    config.getNetworkConfig().setPort(5990).setPortAutoIncrement(true);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.setProperty("hazelcast.logging.type", "slf4j");
    member = Hazelcast.newHazelcastInstance(SegmentSerialization.register(config));
    ss = ((SerializationServiceSupport) member).getSerializationService();
    data = ss.toData(profile());
  }

  @TearDown(Level.Trial)
  public void stop() {
    member.shutdown();
  }

  static Profile profile() {
    Profile p = new Profile();
    p.setLastSeen(NOW);
    for (int i = 0; i < 10; i++) {
      int sid = 1001 + i * 1000;
      TraitRecord t = new TraitRecord(sid, NOW - i * 3_600_000L, NOW - i * 60_000L, 1 + i, 120);
      t.realize(NOW - i * 60_000L, 120, Long.MAX_VALUE, i < 3 ? 7 : 0);
      p.traits().put(sid, t);
    }
    p.setSegments(new int[] {5001, 5002, 5003});
    p.syncedIds().put(9001, "partner-id-42");
    p.syncedIds().put(9002, "partner-id-43");
    p.addDeclaredId(new DeclaredId(20915, "AB-12", 1));
    p.addDeclaredId(new DeclaredId(20916, "CD-34", 0));
    p.partners()
        .put(9001, new PartnerEntry(9001, List.of("auto", "shoes"), NOW - 5, NOW + 600_000));
    for (int i = 0; i < 5; i++) {
      p.appliedCalls().record(AppliedCalls.key("tid-" + i), NOW - i * 1_000L);
    }
    return p;
  }

  @Benchmark
  public byte[] passedOn() {
    Profile p = ss.toObject(data);
    return ProfileRows.CODEC.encode(p);
  }

  @Benchmark
  public byte[] decodedAndEncoded() {
    Profile p = ss.toObject(data);
    p.traits();
    p.syncedIds();
    p.partners();
    p.appliedCalls();
    return ProfileRows.CODEC.encode(p);
  }
}
