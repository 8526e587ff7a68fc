package io.payonce.chaos;

import java.time.Duration;
import java.util.Random;

/**
 * One buyer and the order they came for, drawn from the seed and their index only, so the same
 * seed brings the same buyers at the same (simulated) moments, whatever else happens in the run.
 *
 * @param think         from the pay request to acting on the channel's page
 * @param comeBackAfter how long a buyer who comes back (or switches channel) stays away
 * @param paysFirst     whether the first attempt is paid (else the card is declined or the page left)
 * @param returnPageLoads whether the return page loads and polls (seed 000: it did not)
 */
record BuyerPlan(int index, String merchantOrderNo, Kind kind, Duration arrival, long amountMinor, Duration think,
                 Duration comeBackAfter, boolean paysFirst, boolean returnPageLoads) {

    enum Kind {
        /** pays once and waits on the return page */
        PAYS(38),
        /** asks to pay, perhaps looks at the channel's page, and leaves */
        ABANDONS(12),
        /** double-clicks "pay" in the shop: two pay requests at once */
        DOUBLE_CLICKS(12),
        /** the seed-000 story: pays (or not), sees nothing, comes back minutes later and asks again */
        COMES_BACK(22),
        /** starts on one channel, comes back and pays on another */
        SWITCHES_CHANNEL(10),
        /** leaves the channel's page open and pays around the order's expiry */
        PAYS_LATE(6);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** Orders arrive over this stretch of simulated time. */
    static final Duration ARRIVALS = Duration.ofHours(2);
    static final Duration ORDER_EXPIRY = Duration.ofHours(2);

    static BuyerPlan draw(long seed, int index, String runTag) {
        Random r = new Random(seed * 1_000_003L + index);
        Kind kind = kind(r.nextInt(100));
        Duration arrival = Duration.ofSeconds((long) (r.nextDouble() * ARRIVALS.toSeconds()));
        long amount = 100 + r.nextInt(99_900);
        Duration think = Duration.ofSeconds(10 + r.nextInt(170));
        Duration comeBack = Duration.ofMinutes(4 + r.nextInt(27));
        if (kind == Kind.PAYS_LATE) think = ORDER_EXPIRY.minusMinutes(10).plusMinutes(r.nextInt(21));
        boolean paysFirst = switch (kind) {
            case COMES_BACK -> r.nextDouble() < 0.75;
            case SWITCHES_CHANNEL -> r.nextDouble() < 0.3;
            default -> true;
        };
        boolean pageLoads = r.nextDouble() < 0.6;
        return new BuyerPlan(index, "chaos-" + runTag + "-" + index, kind, arrival, amount, think, comeBack, paysFirst, pageLoads);
    }

    private static Kind kind(int percent) {
        int sum = 0;
        for (Kind kind : Kind.values()) {
            sum += kind.weight;
            if (percent < sum) return kind;
        }
        throw new IllegalStateException("weights must add up to 100");
    }
}
