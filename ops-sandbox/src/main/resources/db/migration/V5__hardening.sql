-- A payment callback's audit events name it "provider/webhook-id": up to 6 + 1 + 128 characters, which overflowed
-- the 128 of entity_id for webhook ids of 122 characters and more (the contract allows 128).
ALTER TABLE audit_event ALTER COLUMN entity_id SET DATA TYPE VARCHAR(160);
