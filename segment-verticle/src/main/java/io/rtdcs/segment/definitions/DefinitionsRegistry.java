package io.rtdcs.segment.definitions;

import com.hazelcast.core.HazelcastInstance;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link MemberDefinitions} per Hazelcast member in this JVM, keyed by the member's name, so an
 * EntryProcessor running at a key's owner finds the compiled definitions of that member.
 */
public final class DefinitionsRegistry {
  private static final ConcurrentMap<String, MemberDefinitions> BY_MEMBER =
      new ConcurrentHashMap<>();

  /** The member's definitions; the first call starts loading them (non-blocking). */
  public static MemberDefinitions forInstance(HazelcastInstance hz) {
    Objects.requireNonNull(hz, "hz");
    return BY_MEMBER.computeIfAbsent(hz.getName(), name -> MemberDefinitions.start(hz));
  }

  static void remove(String name, MemberDefinitions m) {
    BY_MEMBER.remove(name, m);
  }

  private DefinitionsRegistry() {}
}
