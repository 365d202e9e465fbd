package io.rtdcs.segment.definitions;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;

/** The three kinds of definitions segment-verticle owns: map, admin address, id field. */
public enum DefinitionKind {
  TRAITS(ClusterMaps.TRAITS, Addresses.ADMIN_TRAITS, "sid", "trait"),
  SEGMENTS(ClusterMaps.SEGMENTS, Addresses.ADMIN_SEGMENTS, "id", "segment"),
  DESTINATIONS(ClusterMaps.DESTINATIONS, Addresses.ADMIN_DESTINATIONS, "id", "destination");

  private final String map;
  private final String address;
  private final String idField;
  private final String noun;

  DefinitionKind(String map, String address, String idField, String noun) {
    this.map = map;
    this.address = address;
    this.idField = idField;
    this.noun = noun;
  }

  public String map() {
    return map;
  }

  public String address() {
    return address;
  }

  public String idField() {
    return idField;
  }

  public String noun() {
    return noun;
  }
}
