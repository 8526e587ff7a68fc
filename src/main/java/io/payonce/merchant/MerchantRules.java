package io.payonce.merchant;

/**
 * The limits of a merchant's name and policy, in one place: {@link MerchantPolicy} enforces
 * them, and the admin API and the operator console check their input against them, so each
 * refusal names the field as its caller knows it.
 */
public final class MerchantRules {
    public static final int NAME_MAX_LENGTH = 200;
    public static final int SCHEDULE_MAX_LENGTH = 512;
    public static final Range MAX_ATTEMPTS = new Range(1, 20);
    public static final Range DUPLICATE_WINDOW_SECONDS = new Range(0, 3600);
    public static final Range EXPIRE_SECONDS = new Range(1, 30L * 24 * 3600);

    private MerchantRules() {}

    /** Whole numbers from {@code min} to {@code max}, both included. */
    public record Range(long min, long max) {
        public boolean contains(long value) {
            return value >= min && value <= max;
        }

        public String reason() {
            return "must be a whole number from " + min + " to " + max;
        }
    }
}
