package io.rtdcs.segment.definitions;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;

/**
 * Registered in every member's config: starts loading the member's definitions as soon as it has
 * started, so EntryProcessors find them ready also on members that run no SegmentVerticle.
 */
public final class DefinitionsBootstrap implements LifecycleListener, HazelcastInstanceAware {
  private volatile HazelcastInstance hz;

  @Override
  public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
    this.hz = hazelcastInstance;
  }

  @Override
  public void stateChanged(LifecycleEvent event) {
    HazelcastInstance instance = hz;
    if (event.getState() == LifecycleEvent.LifecycleState.STARTED && instance != null) {
      DefinitionsRegistry.forInstance(instance);
    }
  }
}
