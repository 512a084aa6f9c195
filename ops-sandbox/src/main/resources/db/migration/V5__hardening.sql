-- A payment callback's audit events name it "provider/webhook-id": up to 6 + 1 + 128 characters, which overflowed
-- the 128 of entity_id for webhook ids of 122 characters and more (the contract allows 128).
ALTER TABLE audit_event ALTER COLUMN entity_id SET DATA TYPE VARCHAR(160);

-- Sign-in throttling is per username and source (the client's address) together: five wrong passwords from one
-- place must not lock the account for everyone else.
ALTER TABLE sign_in_attempt ADD COLUMN source VARCHAR(64) DEFAULT '' NOT NULL;
CREATE INDEX ix_sign_in_attempt_username_source_at ON sign_in_attempt (username, source, attempted_at);
