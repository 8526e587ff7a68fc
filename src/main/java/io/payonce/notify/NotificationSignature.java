package io.payonce.notify;

import io.payonce.shared.Hmac;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code PayOnce-Signature} header of every notification:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(webhookSecret, t + "." + rawBody)>}.
 * The timestamp is signed too, so a captured request cannot be replayed later than the
 * receiver's tolerance. Merchants (and tests) verify with {@link #verify}.
 */
public final class NotificationSignature {
    public static final String HEADER = "PayOnce-Signature";
    private static final int MAX_HEADER_LENGTH = 1024;

    private NotificationSignature() {}

    /** The header value for {@code rawBody}, exactly the bytes sent, as UTF-8 text. */
    public static String sign(String secret, long timestampSeconds, String rawBody) {
        return "t=" + timestampSeconds + ",v1=" + Hmac.sha256Hex(secret, timestampSeconds + "." + rawBody);
    }

    /**
     * True when {@code header} carries a v1 signature of {@code rawBody} made with {@code secret}
     * at a time no further than {@code tolerance} from {@code now}. Several v1 entries are
     * accepted (any one may match) so that a future secret rotation can sign with both secrets.
     */
    public static boolean verify(String secret, String header, String rawBody, Duration tolerance, Instant now) {
        if (secret == null || header == null || rawBody == null || header.length() > MAX_HEADER_LENGTH) {
            return false;
        }
        Long timestampSeconds = null;
        boolean matched = false;
        String[] entries = header.split(",");
        for (String entry : entries) {
            String[] pair = entry.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
                timestampSeconds = Long.parseLong(pair[1]);
            }
        }
        if (timestampSeconds == null) {
            return false;
        }
        String expected = Hmac.sha256Hex(secret, timestampSeconds + "." + rawBody);
        for (String entry : entries) {
            String[] pair = entry.trim().split("=", 2);
            // Every candidate is compared, so the time taken does not tell which one matched.
            if (pair.length == 2 && pair[0].equals("v1") && Hmac.constantTimeEquals(expected, pair[1])) {
                matched = true;
            }
        }
        long skewSeconds = Math.abs(now.getEpochSecond() - timestampSeconds);
        return matched && skewSeconds <= tolerance.toSeconds();
    }
}
