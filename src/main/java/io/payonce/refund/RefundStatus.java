package io.payonce.refund;

/** PENDING until the channel answers for certain; then SUCCEEDED or FAILED, both final. */
public enum RefundStatus {
    PENDING, SUCCEEDED, FAILED;

    public boolean canMoveTo(RefundStatus next) {
        return this == PENDING && next != PENDING;
    }
}
