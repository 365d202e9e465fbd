package io.rtdcs.bench.micro;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.rtdcs.segment.definitions.DefinitionsSeeder;
import io.rtdcs.segment.store.PartnerOutcome;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.ProfileUpdater;
import io.rtdcs.segment.store.RealizeCommand;
import io.rtdcs.segment.store.RealizeProcessor;
import io.rtdcs.segment.store.RealizeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The profile update of one /event call (segment-verticle's realize): {@code inProcess} applies the
 * EntryProcessor's logic ({@link ProfileUpdater#realize}) to a returning visitor's profile (10
 * traits, 3 segments) with 101 traits (100 rules) and 4 segments defined; {@code ownerRoundTrip}
 * adds what the owner of a BINARY map entry does around it (deserialize, update, serialize); {@code
 * singleMemberSubmitToKey} is the real {@link RealizeProcessor} through {@code submitToKey} on a
 * single-member Hazelcast (no network, no backup). Run: {@code java -jar
 * bench/target/rtdcs-bench.jar ProfileRealizeBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProfileRealizeBench {
  private Definitions definitions;
  private RealizeCommand command;
  private Profile profile;
  private HazelcastInstance hz;
  private SerializationService ss;
  private Data stored;
  private IMap<String, Profile> profiles;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    DefinitionsSeeder.Seed seed = DefinitionsSeeder.validate(BenchDefinitions.definitions());
    definitions = new Definitions(seed.traits(), seed.segments(), seed.destinations(), Map.of(), 1);
    Map<String, List<String>> signals = new LinkedHashMap<>();
    signals.put("c_category", List.of("shoes"));
    signals.put("c_brand", List.of("acme"));
    signals.put("c_price", List.of("120"));
    signals.put("c_color", List.of("red"));
    signals.put("c_size", List.of("42"));
    signals.put("h_user-agent", List.of("Mozilla/5.0 (Linux; Android 14) Chrome/120"));
    command =
        new RealizeCommand(
            signals,
            List.of(3001),
            List.of(),
            List.of(),
            List.of(new PartnerOutcome(9001, List.of("auto-intender"), 600)),
            BenchDefinitions.NOW);
    profile = BenchDefinitions.tenTraitsThreeSegments();

    hz = Hazelcast.newHazelcastInstance(SingleMember.config());
    ss = ((SerializationServiceSupport) hz).getSerializationService();
    stored = ss.toData(BenchDefinitions.tenTraitsThreeSegments());
    DefinitionsSeeder.seed(hz, seed, BenchDefinitions.NOW);
    DefinitionsRegistry.forInstance(hz).reload().get(30, TimeUnit.SECONDS);
    profiles = hz.getMap(ClusterMaps.PROFILES);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    hz.shutdown();
  }

  @Benchmark
  public RealizeResult inProcess() {
    return ProfileUpdater.realize(profile, command, definitions);
  }

  @Benchmark
  public Data ownerRoundTrip() {
    Profile p = ss.toObject(stored);
    ProfileUpdater.realize(p, command, definitions);
    return ss.toData(p);
  }

  @Benchmark
  public RealizeResult singleMemberSubmitToKey() throws Exception {
    String uuid = SingleMember.uuid(next++ & 1023);
    return profiles.submitToKey(uuid, new RealizeProcessor(command)).toCompletableFuture().get();
  }
}
