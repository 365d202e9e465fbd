-- Profile Merge Rules (docs/profiles.md): people's (authenticated, cross-device) profiles, keyed by a proven
-- declared ID "dpid:id" and stored like the device profiles of rtdcs_profiles (written behind, expiring, swept);
-- and the merge rule definitions (id -> JSON), written through like the other definitions. V3 in both backends
-- (H2 has no V2) so that one version names one change of the schema.

CREATE TABLE rtdcs_people (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE TABLE rtdcs_mergerules (
  k VARCHAR(512) PRIMARY KEY,
  v VARBINARY(1000000) NOT NULL,
  expires_at BIGINT NOT NULL,
  ref VARCHAR(4096)
);

CREATE INDEX rtdcs_people_expires ON rtdcs_people (expires_at);
