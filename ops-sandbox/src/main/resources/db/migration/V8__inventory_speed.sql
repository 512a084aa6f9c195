-- Inventory on --scale large (50,000 SKUs x 6 warehouses): the drift summary from kept totals instead of an aggregate
-- over every drifting pair, the stuck count per warehouse as one index range, and the name search through trigrams
-- instead of a scan of every name. Kept to plain SQL that both H2 and jOOQ's DDL parser accept.

-- Per warehouse, the drift the summary shows: pairs whose systems disagree, their units (sum of drift) and how many of
-- them are oversold. Every write of a pair (inventory.StockPairs) moves these by the pair's change in the same
-- transaction; the seed and this migration count them once. Stuck pairs depend on the time of the read: the summary
-- counts the ones still settling (young drifts, usually few) from ix_stock_stuck and takes them from the drifting.
CREATE TABLE warehouse_drift (
    warehouse      VARCHAR(16) NOT NULL,
    drifting_pairs INTEGER     NOT NULL,
    drift_units    BIGINT      NOT NULL,
    oversold_pairs INTEGER     NOT NULL,
    CONSTRAINT pk_warehouse_drift PRIMARY KEY (warehouse),
    CONSTRAINT fk_warehouse_drift_warehouse FOREIGN KEY (warehouse) REFERENCES warehouse (code)
);

INSERT INTO warehouse_drift (warehouse, drifting_pairs, drift_units, oversold_pairs)
SELECT w.code,
       COALESCE(SUM(CASE WHEN p.drift > 0 THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(p.drift), 0),
       COALESCE(SUM(CASE WHEN p.drift > 0 AND p.oversold THEN 1 ELSE 0 END), 0)
FROM warehouse w LEFT JOIN stock_pair p ON p.warehouse = w.code
GROUP BY w.code;

-- The settling pairs of one warehouse (state=SETTLING with a warehouse) as one index range.
CREATE INDEX ix_stock_wh_stuck ON stock_pair (warehouse, stuck_after);

-- Every three-letter piece of each distinct product name in lower case: "part of the name" is the names holding all
-- of the text's pieces (then checked against the text) instead of testing every SKU's name. Kept per name, not per SKU:
-- variants share their names, so this stays small (the large seed's 50,000 SKUs have 900 names); the server keeps
-- which SKUs bear each name in memory (inventory.StockStore).
CREATE TABLE name_trigram (
    trigram VARCHAR(3)   NOT NULL,
    name    VARCHAR(200) NOT NULL,
    CONSTRAINT pk_name_trigram PRIMARY KEY (trigram, name)
);

INSERT INTO name_trigram (trigram, name)
SELECT DISTINCT SUBSTRING(LOWER(n.name), r.x, 3), n.name
FROM (SELECT DISTINCT name FROM sku) n JOIN SYSTEM_RANGE(1, 198) r ON r.x <= CHAR_LENGTH(n.name) - 2;

-- A pair's open sync failures (its detail; the traffic's check that a stalled feed's pair has one already) by key,
-- not by scanning the INVENTORY_SYNC queue.
CREATE INDEX ix_failure_sku ON failure (sku, warehouse);
