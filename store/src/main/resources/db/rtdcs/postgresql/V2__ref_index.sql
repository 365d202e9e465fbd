-- The erasure of a visitor finds the ID links that name it among the uuids of their ref (the owner and
-- its linked devices, space-separated): a GIN index over those tokens answers that without a scan of
-- rtdcs_ids (Dialect.POSTGRESQL.rowsNaming). The embedded H2 store keeps the scan.
CREATE INDEX rtdcs_ids_ref_tokens ON rtdcs_ids USING gin (string_to_array(ref, ' '));
