package io.payonce.shared;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Globally unique, unguessable identifiers. Every id starts with a time part so ids sort
 * roughly by creation, and ends with 80 random bits so nobody can guess a buyer's paymentNo.
 * At most 32 characters: WeChat Pay's out_trade_no allows 6..32 of [0-9a-zA-Z_-|*].
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int RANDOM_CHARS = 16;

    private Ids() {}

    public static String next(String prefix, Instant now) {
        StringBuilder id = new StringBuilder(prefix).append(Long.toString(now.toEpochMilli(), 36));
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        assert id.length() <= 32 : "id too long for channel order numbers: " + id;
        return id.toString();
    }

    public static String secret(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return java.util.HexFormat.of().formatHex(raw);
    }
}
