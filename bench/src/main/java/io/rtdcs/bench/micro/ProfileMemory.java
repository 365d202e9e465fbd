package io.rtdcs.bench.micro;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.store.Profile;
import java.util.HashMap;
import java.util.Map;

/**
 * Memory per stored profile with 10 traits and 3 segments, from the profiles map's own statistics
 * ({@code getOwnedEntryMemoryCost()}), and the serialized size of one such profile. One member, no
 * backup (a cluster holds each profile twice: owner and backup). Run: {@code java -Xmx2g -cp
 * bench/target/rtdcs-bench.jar io.rtdcs.bench.micro.ProfileMemory [profiles, default 1000000]}.
 */
public final class ProfileMemory {
  private ProfileMemory() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(SingleMember.config());
    try {
      SerializationService ss = ((SerializationServiceSupport) hz).getSerializationService();
      Profile profile = BenchDefinitions.tenTraitsThreeSegments();
      int serialized = ss.toData(profile).totalSize();
      int key = ss.toData(SingleMember.uuid(0)).totalSize();
      IMap<String, Profile> map = hz.getMap(ClusterMaps.PROFILES);
      long start = System.nanoTime();
      Map<String, Profile> batch = new HashMap<>();
      for (int i = 0; i < count; i++) {
        batch.put(SingleMember.uuid(i), profile);
        if (batch.size() == 10_000) {
          map.putAll(batch);
          batch.clear();
        }
      }
      map.putAll(batch);
      long ms = (System.nanoTime() - start) / 1_000_000;
      LocalMapStats stats = map.getLocalMapStats();
      long cost = stats.getOwnedEntryMemoryCost();
      System.out.printf(
          "profiles stored: %d in %d ms%n"
              + "serialized profile (10 traits, 3 segments): %d bytes; key (38-digit uuid): %d bytes%n"
              + "owned entry memory cost: %d bytes = %.1f bytes per profile (key, value, record)%n",
          map.size(), ms, serialized, key, cost, (double) cost / map.size());
    } finally {
      hz.shutdown();
    }
  }
}
