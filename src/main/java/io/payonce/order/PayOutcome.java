package io.payonce.order;

import io.payonce.attempt.Attempt;

/** What POST /v1/payments decided, or why it refused; refusals are values, not exceptions. */
public sealed interface PayOutcome {
    enum Decision { NEW_ATTEMPT, REUSED_ATTEMPT, ALREADY_PAID }

    enum Refusal {
        ORDER_MISMATCH(409, "order_mismatch"),
        TOO_MANY_ATTEMPTS(409, "too_many_attempts"),
        ORDER_CLOSED(409, "order_closed"),
        BUSY(503, "order_busy");

        public final int httpStatus;
        public final String code;

        Refusal(int httpStatus, String code) {
            this.httpStatus = httpStatus;
            this.code = code;
        }
    }

    record Decided(Decision decision, Order order, Attempt attempt) implements PayOutcome {}

    record Refused(Refusal refusal, String message) implements PayOutcome {}
}
