package io.rtdcs.partner.store;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import java.util.Objects;

/** Runs one callback on any change of the partners map (called on a Hazelcast thread). */
public final class ChangeListener
    implements EntryAddedListener<Integer, String>,
        EntryUpdatedListener<Integer, String>,
        EntryRemovedListener<Integer, String>,
        EntryEvictedListener<Integer, String>,
        EntryExpiredListener<Integer, String>,
        MapClearedListener {
  private final Runnable onChange;

  public ChangeListener(Runnable onChange) {
    this.onChange = Objects.requireNonNull(onChange, "onChange");
  }

  @Override
  public void entryAdded(EntryEvent<Integer, String> event) {
    onChange.run();
  }

  @Override
  public void entryUpdated(EntryEvent<Integer, String> event) {
    onChange.run();
  }

  @Override
  public void entryRemoved(EntryEvent<Integer, String> event) {
    onChange.run();
  }

  @Override
  public void entryEvicted(EntryEvent<Integer, String> event) {
    onChange.run();
  }

  @Override
  public void entryExpired(EntryEvent<Integer, String> event) {
    onChange.run();
  }

  @Override
  public void mapCleared(MapEvent event) {
    onChange.run();
  }
}
