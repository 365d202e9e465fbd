-- rtdcs durable state, H2 (the embedded default). Every map of docs/storage.md is one table of the same shape:
-- k the map key as text, v the value in rtdcs's own binary or JSON form, expires_at the entry's expiry
-- (epoch ms; 9223372036854775807 = never), ref what the erasure of a visitor looks rows up by (the uuid).

CREATE TABLE rtdcs_profiles (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_ids (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_privacy (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_partners (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_traits (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_segments (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_destinations (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_outbound (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_meta (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE INDEX rtdcs_profiles_expires ON rtdcs_profiles (expires_at);

CREATE INDEX rtdcs_ids_expires ON rtdcs_ids (expires_at);

CREATE INDEX rtdcs_outbound_expires ON rtdcs_outbound (expires_at);

CREATE INDEX rtdcs_privacy_expires ON rtdcs_privacy (expires_at);

CREATE INDEX rtdcs_ids_ref ON rtdcs_ids (ref);
CREATE INDEX rtdcs_outbound_ref ON rtdcs_outbound (ref);
