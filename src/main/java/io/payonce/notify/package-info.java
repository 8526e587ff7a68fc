/**
 * Merchant notifications (M10): signed, at-least-once webhooks.
 *
 * <p>A notification row and its delivery job are written by event listeners inside the
 * transaction that changes the order or refund, so a committed success always has its
 * notification. The job POSTs the fixed payload with a {@code PayOnce-Signature} header until a
 * 2xx answer, following {@code payonce.notify.retry-schedule}, then marks it DEAD; operators list
 * and resend through {@code /v1/admin/notifications} or the operator console
 * ({@link io.payonce.notify.NotificationAdmin}). Merchants verify requests with
 * {@link io.payonce.notify.NotificationSignature}.
 */
package io.payonce.notify;
