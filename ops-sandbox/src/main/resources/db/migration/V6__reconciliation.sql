-- Settlement reconciliation: runs (a provider's report for a period against the platform's payments), their
-- normalised lines and original file (received in pieces), matches, exceptions with their history, the payments no
-- line settled, state transitions, and the team's saved generic layouts.
-- Kept to plain SQL that both H2 and jOOQ's DDL parser (used for code generation) accept.

CREATE SEQUENCE recon_run_id_seq START WITH 1;
CREATE SEQUENCE recon_exception_id_seq START WITH 1;

CREATE TABLE recon_run (
    id                     VARCHAR(16)  NOT NULL,
    kind                   VARCHAR(24)  NOT NULL,
    provider               VARCHAR(16),
    warehouse              VARCHAR(16),
    period_from            DATE,
    period_to              DATE,
    state                  VARCHAR(16)  NOT NULL,
    preparer               VARCHAR(64)  NOT NULL,
    approver               VARCHAR(64),
    created_at             TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    submitted_at           TIMESTAMP(3) WITH TIME ZONE,
    approved_at            TIMESTAMP(3) WITH TIME ZONE,
    matched_at             TIMESTAMP(3) WITH TIME ZONE,
    decertified_at         TIMESTAMP(3) WITH TIME ZONE,
    decertified_reason     VARCHAR(1000),
    layout                 VARCHAR(64)  NOT NULL,
    file_name              VARCHAR(255) NOT NULL,
    file_sha256            CHAR(64)     NOT NULL,
    file_size              BIGINT       NOT NULL,
    file_received          BIGINT       NOT NULL,
    file_complete          BOOLEAN      NOT NULL,
    line_count             INTEGER      NOT NULL,
    uploaded_lines         INTEGER      NOT NULL,
    lines_audited          BOOLEAN      NOT NULL,
    amount_tolerance_minor BIGINT       NOT NULL,
    date_window_days       INTEGER      NOT NULL,
    match_generation       INTEGER      NOT NULL,
    -- The ReconRunSummary as JSON, written when the run is matched and refreshed when an exception changes.
    summary                VARCHAR(1000000),
    version                INTEGER      NOT NULL,
    CONSTRAINT pk_recon_run PRIMARY KEY (id),
    CONSTRAINT ck_recon_run_state CHECK (state IN ('DRAFT', 'IN_REVIEW', 'SUBMITTED', 'APPROVED', 'DECERTIFIED'))
);

CREATE INDEX ix_recon_run_created ON recon_run (created_at DESC, id DESC);
CREATE INDEX ix_recon_run_sha ON recon_run (file_sha256);
-- Decertification looks up the approved runs of a provider whose period holds a payment's day.
CREATE INDEX ix_recon_run_state_provider ON recon_run (state, provider, period_from, period_to);

CREATE TABLE recon_run_transition (
    run_id     VARCHAR(16)   NOT NULL,
    seq        INTEGER       NOT NULL,
    at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    actor      VARCHAR(64)   NOT NULL,
    action     VARCHAR(16)   NOT NULL,
    from_state VARCHAR(16),
    to_state   VARCHAR(16)   NOT NULL,
    comment    VARCHAR(2000),
    CONSTRAINT pk_recon_run_transition PRIMARY KEY (run_id, seq),
    CONSTRAINT fk_recon_run_transition_run FOREIGN KEY (run_id) REFERENCES recon_run (id)
);

-- The original file, in the pieces it arrived in (non-overlapping, by offset).
CREATE TABLE recon_file_piece (
    run_id     VARCHAR(16) NOT NULL,
    start_at   BIGINT      NOT NULL,
    length     INTEGER     NOT NULL,
    content    BLOB        NOT NULL,
    CONSTRAINT pk_recon_file_piece PRIMARY KEY (run_id, start_at),
    CONSTRAINT fk_recon_file_piece_run FOREIGN KEY (run_id) REFERENCES recon_run (id)
);

CREATE TABLE recon_line (
    run_id             VARCHAR(16)  NOT NULL,
    idx                INTEGER      NOT NULL,
    line_number        INTEGER      NOT NULL,
    kind               VARCHAR(24)  NOT NULL,
    provider_reference VARCHAR(128),
    merchant_reference VARCHAR(128),
    batch_reference    VARCHAR(128),
    currency           CHAR(3)      NOT NULL,
    gross              BIGINT       NOT NULL,
    fee                BIGINT       NOT NULL,
    net                BIGINT       NOT NULL,
    booked_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    description        VARCHAR(500),
    raw                VARCHAR(20000) NOT NULL,
    CONSTRAINT pk_recon_line PRIMARY KEY (run_id, idx)
);

-- One row per line matched; a new round of matching retires the automatic ones (active false), never deletes.
CREATE TABLE recon_match (
    run_id             VARCHAR(16)  NOT NULL,
    id                 VARCHAR(32)  NOT NULL,
    idx                INTEGER      NOT NULL,
    rule               VARCHAR(24)  NOT NULL,
    why                VARCHAR(1000) NOT NULL,
    payment_reference  VARCHAR(64),
    order_number       VARCHAR(32),
    payment_amount     BIGINT,
    captured_at        TIMESTAMP(3) WITH TIME ZONE,
    group_size         INTEGER      NOT NULL,
    matched_at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    matched_by         VARCHAR(64)  NOT NULL,
    note               VARCHAR(2000),
    active             BOOLEAN      NOT NULL,
    CONSTRAINT pk_recon_match PRIMARY KEY (run_id, id)
);

CREATE INDEX ix_recon_match_line ON recon_match (run_id, active, idx);
CREATE INDEX ix_recon_match_payment ON recon_match (run_id, payment_reference);

CREATE TABLE recon_exception (
    id                     VARCHAR(16)   NOT NULL,
    run_id                 VARCHAR(16)   NOT NULL,
    category               VARCHAR(32)   NOT NULL,
    status                 VARCHAR(16)   NOT NULL,
    summary                VARCHAR(2000) NOT NULL,
    fingerprint            VARCHAR(1000) NOT NULL,
    line_indexes           VARCHAR(4000) NOT NULL,
    line_numbers           VARCHAR(4000) NOT NULL,
    provider_reference     VARCHAR(128),
    payment_reference      VARCHAR(64),
    order_number           VARCHAR(32),
    currency               CHAR(3),
    expected               BIGINT,
    actual                 BIGINT,
    booked_at              TIMESTAMP(3) WITH TIME ZONE,
    candidates             VARCHAR(4000),
    resolution_code        VARCHAR(32),
    resolution_note        VARCHAR(2000),
    resolved_by            VARCHAR(64),
    resolved_at            TIMESTAMP(3) WITH TIME ZONE,
    resolution_payment     VARCHAR(64),
    resolution_match_id    VARCHAR(32),
    created_at             TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    version                INTEGER       NOT NULL,
    CONSTRAINT pk_recon_exception PRIMARY KEY (id),
    CONSTRAINT fk_recon_exception_run FOREIGN KEY (run_id) REFERENCES recon_run (id),
    CONSTRAINT ck_recon_exception_status CHECK (status IN ('OPEN', 'RESOLVED', 'SUPERSEDED'))
);

CREATE INDEX ix_recon_exception_run ON recon_exception (run_id, status, id);
CREATE INDEX ix_recon_exception_run_category ON recon_exception (run_id, category, status, id);

-- Which lines an exception is about (a line may be in several: a matched capture with a fee above schedule).
CREATE TABLE recon_exception_line (
    run_id       VARCHAR(16) NOT NULL,
    idx          INTEGER     NOT NULL,
    exception_id VARCHAR(16) NOT NULL,
    CONSTRAINT pk_recon_exception_line PRIMARY KEY (run_id, idx, exception_id)
);

CREATE TABLE recon_exception_history (
    exception_id VARCHAR(16)   NOT NULL,
    seq          INTEGER       NOT NULL,
    at           TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    actor        VARCHAR(64)   NOT NULL,
    action       VARCHAR(16)   NOT NULL,
    code         VARCHAR(32),
    note         VARCHAR(2000),
    CONSTRAINT pk_recon_exception_history PRIMARY KEY (exception_id, seq)
);

-- Payments of the run's provider captured in its period that no line settles, as of the last matching.
CREATE TABLE recon_unmatched_payment (
    run_id        VARCHAR(16) NOT NULL,
    reference     VARCHAR(64) NOT NULL,
    order_number  VARCHAR(32) NOT NULL,
    amount_minor  BIGINT      NOT NULL,
    currency      CHAR(3)     NOT NULL,
    state         VARCHAR(16) NOT NULL,
    captured_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    due_by        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    overdue       BOOLEAN     NOT NULL,
    exception_id  VARCHAR(16),
    CONSTRAINT pk_recon_unmatched_payment PRIMARY KEY (run_id, reference)
);

CREATE INDEX ix_recon_unmatched_captured ON recon_unmatched_payment (run_id, captured_at, reference);

CREATE TABLE recon_layout (
    name        VARCHAR(64)    NOT NULL,
    mapping     VARCHAR(20000) NOT NULL,
    updated_by  VARCHAR(64)    NOT NULL,
    updated_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_recon_layout PRIMARY KEY (name)
);

-- Decertification and the sandbox's settlement files find a provider's payments by capture time.
CREATE INDEX ix_payment_provider_captured ON payment (provider, captured_at);
