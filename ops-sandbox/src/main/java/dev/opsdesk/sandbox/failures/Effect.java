package dev.opsdesk.sandbox.failures;

/** What a replay does, or would do, to the business; the names are the contract's. */
public enum Effect {
    CAPTURE_PAYMENT,
    MARK_PAYMENT_FAILED,
    RECORD_REFUND,
    ALREADY_APPLIED,
    FAIL_AGAIN,
    SYNC_STOCK,
    EXPORT_SHIPMENT,
    NOT_REPLAYABLE,
    NOT_ALLOWED
}
