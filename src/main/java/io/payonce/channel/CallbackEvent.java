package io.payonce.channel;

/** What a callback says, once verified; or why it was refused. */
public sealed interface CallbackEvent {
    /** @param eventId the channel's id of this notification, for de-duplication. */
    record PaymentReport(String eventId, String paymentNo, PaymentState state) implements CallbackEvent {}

    record RefundReport(String eventId, String refundNo, String paymentNo, RefundState state) implements CallbackEvent {}

    record Rejected(String reason) implements CallbackEvent {}
}
