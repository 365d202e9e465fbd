package io.rtdcs.segment.store;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import io.rtdcs.segment.definitions.DefinitionsBootstrap;
import io.rtdcs.segment.outbound.OutboxProcessorSerializer;

/**
 * What every member's Hazelcast config needs for segment-verticle, also on members that run no
 * SegmentVerticle (they still own profile partitions and run the EntryProcessors): the Compact
 * serializers, and a lifecycle listener that loads the member's compiled definitions at start.
 */
public final class SegmentSerialization {

  /** Call on every member's {@link Config} before Hazelcast starts. Idempotent per config. */
  public static Config register(Config config) {
    CompactSerializationConfig compact =
        config.getSerializationConfig().getCompactSerializationConfig();
    for (ListenerConfig l : config.getListenerConfigs()) {
      if (l.getImplementation() instanceof DefinitionsBootstrap) {
        return config;
      }
    }
    compact.addSerializer(new ProfileSerializer());
    compact.addSerializer(new ProcessorSerializers.Realize());
    compact.addSerializer(new ProcessorSerializers.SyncId());
    compact.addSerializer(new ProcessorSerializers.OptOut());
    compact.addSerializer(new ProcessorSerializers.Backup());
    compact.addSerializer(new ProcessorSerializers.Result());
    compact.addSerializer(new ProcessorSerializers.Link());
    compact.addSerializer(new ProcessorSerializers.Relink());
    compact.addSerializer(new ProcessorSerializers.ForgetDevice());
    compact.addSerializer(new OutboxProcessorSerializer());
    compact.addSerializer(new ProcessorSerializers.Privacy());
    config.addListenerConfig(new ListenerConfig(new DefinitionsBootstrap()));
    return config;
  }

  private SegmentSerialization() {}
}
