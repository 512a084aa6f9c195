-- The audit trail: one row per state change, appended in the transaction of the change, never updated or deleted.
-- Each row carries the SHA-256 of its canonical form (see src-docs/audit.md), which includes the previous row's
-- hash: a chain a client can re-compute to prove nothing was changed, removed or reordered.
CREATE TABLE audit_event (
    sequence       BIGINT        NOT NULL,
    at             TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    actor          VARCHAR(64)   NOT NULL,
    actor_type     VARCHAR(8)    NOT NULL,
    action         VARCHAR(48)   NOT NULL,
    entity_type    VARCHAR(24)   NOT NULL,
    entity_id      VARCHAR(128)  NOT NULL,
    -- The order an event belongs to (its timeline), and the warehouse and SKU it concerns, when there are.
    order_number   VARCHAR(32),
    warehouse      VARCHAR(16),
    sku            VARCHAR(32),
    request_id     VARCHAR(64),
    correlation_id VARCHAR(64),
    -- Canonical JSON (RFC 8785): before/after and whatever else the action records.
    details        VARCHAR(100000) NOT NULL,
    prev_hash      CHAR(64)      NOT NULL,
    hash           CHAR(64)      NOT NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (sequence),
    CONSTRAINT ck_audit_actor_type CHECK (actor_type IN ('USER', 'SYSTEM'))
);

-- A filtered page reads one of these newest first and stops after a page (H2 reads an index in its own order
-- only, so the sequence is descending here, as the default page order is).
CREATE INDEX ix_audit_entity ON audit_event (entity_type, entity_id, sequence DESC);
CREATE INDEX ix_audit_actor ON audit_event (actor, sequence DESC);
CREATE INDEX ix_audit_action ON audit_event (action, sequence DESC);
CREATE INDEX ix_audit_order ON audit_event (order_number, sequence DESC);
CREATE INDEX ix_audit_correlation ON audit_event (correlation_id, sequence DESC);
CREATE INDEX ix_audit_warehouse ON audit_event (warehouse, sequence DESC);
CREATE INDEX ix_audit_sku ON audit_event (sku, sequence DESC);
-- Times only grow with the sequence, so a time range becomes a sequence range through this index.
CREATE INDEX ix_audit_at ON audit_event (at, sequence);

-- The chain's head: the one row every append locks, which makes sequences gapless and the chain linear.
CREATE TABLE audit_head (
    id            INTEGER   NOT NULL,
    last_sequence BIGINT    NOT NULL,
    last_hash     CHAR(64)  NOT NULL,
    last_at       TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_one CHECK (id = 1)
);

INSERT INTO audit_head (id, last_sequence, last_hash, last_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
