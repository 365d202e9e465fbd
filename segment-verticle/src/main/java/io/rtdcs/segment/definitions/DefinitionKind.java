package io.rtdcs.segment.definitions;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;

/**
 * The four kinds of definitions segment-verticle owns: map, admin address, id field, and the key
 * that holds them in the config's {@code definitions} section and in an export document.
 */
public enum DefinitionKind {
  TRAITS(ClusterMaps.TRAITS, Addresses.ADMIN_TRAITS, "sid", "trait", "traits"),
  SEGMENTS(ClusterMaps.SEGMENTS, Addresses.ADMIN_SEGMENTS, "id", "segment", "segments"),
  DESTINATIONS(
      ClusterMaps.DESTINATIONS, Addresses.ADMIN_DESTINATIONS, "id", "destination", "destinations"),
  MERGE_RULES(
      ClusterMaps.MERGE_RULES, Addresses.ADMIN_MERGE_RULES, "id", "merge rule", "mergeRules");

  private final String map;
  private final String address;
  private final String idField;
  private final String noun;
  private final String key;

  DefinitionKind(String map, String address, String idField, String noun, String key) {
    this.map = map;
    this.address = address;
    this.idField = idField;
    this.noun = noun;
    this.key = key;
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

  /** {@code traits}, ..., {@code mergeRules}: the list's key in config and import documents. */
  public String key() {
    return key;
  }

  /**
   * The smallest id of the kind: 0 for merge rules (rule {@value MergeRule#DEFAULT_ID} is the
   * default rule), 1 for the others.
   */
  public int minId() {
    return this == MERGE_RULES ? MergeRule.DEFAULT_ID : 1;
  }
}
