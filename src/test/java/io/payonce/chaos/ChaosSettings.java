package io.payonce.chaos;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one chaos suite run does, from system properties (Maven passes -D on to the test JVM):
 * {@code chaos.orders} per seed and mode, {@code chaos.seeds}, {@code chaos.modes}
 * (payonce,naive[,naive-callbacks]), {@code chaos.seconds-per-sim-hour}. The defaults are the small CI version.
 */
record ChaosSettings(int orders, List<Long> seeds, List<Mode> modes, TimeScale scale, Path outputDirectory) {
    static final int DEFAULT_ORDERS = 150;
    static final String DEFAULT_SEEDS = "1,2";
    static final double DEFAULT_SECONDS_PER_SIM_HOUR = 5;

    /**
     * PAYONCE: the gateway as shipped. NAIVE: the seed-000 design as it was: no webhook subscription
     * (the channel sends it no callbacks), one delayed query after 10 minutes, no query before
     * re-issuing, no automatic refund. NAIVE_CALLBACKS: the same but with callbacks, to see what
     * M3, M6 and M7 are worth when callbacks do arrive.
     */
    enum Mode {
        PAYONCE("payonce", false, true), NAIVE("naive", true, false), NAIVE_CALLBACKS("naive-callbacks", true, true);

        private final String label;
        final boolean naive;
        final boolean callbacks;

        Mode(String label, boolean naive, boolean callbacks) {
            this.label = label;
            this.naive = naive;
            this.callbacks = callbacks;
        }

        String label() {
            return label;
        }

        static Mode of(String label) {
            for (Mode mode : values()) if (mode.label.equals(label.trim().toLowerCase(Locale.ROOT))) return mode;
            throw new IllegalArgumentException("chaos.modes: " + label + " is not payonce, naive or naive-callbacks");
        }
    }

    ChaosSettings {
        if (orders < 10 || orders > 100_000) throw new IllegalArgumentException("chaos.orders: must be 10..100000");
        if (seeds.isEmpty()) throw new IllegalArgumentException("chaos.seeds: at least one seed");
        if (modes.isEmpty()) throw new IllegalArgumentException("chaos.modes: one or more of payonce, naive, naive-callbacks");
        seeds = List.copyOf(seeds);
        modes = List.copyOf(modes);
    }

    static ChaosSettings fromSystemProperties() {
        int orders = Integer.parseInt(System.getProperty("chaos.orders", String.valueOf(DEFAULT_ORDERS)).trim());
        List<Long> seeds = Arrays.stream(System.getProperty("chaos.seeds", DEFAULT_SEEDS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
        List<Mode> modes = Arrays.stream(System.getProperty("chaos.modes", "payonce,naive").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Mode::of).toList();
        double secondsPerHour = Double.parseDouble(System.getProperty("chaos.seconds-per-sim-hour",
                String.valueOf(DEFAULT_SECONDS_PER_SIM_HOUR)));
        return new ChaosSettings(orders, seeds, modes, new TimeScale(secondsPerHour), Path.of("target", "chaos"));
    }

    /** The one command that replays {@code seed} in {@code mode} with these settings. */
    String replayCommand(long seed, Mode mode) {
        String scale = scale().secondsPerSimHour() == DEFAULT_SECONDS_PER_SIM_HOUR ? ""
                : " --seconds-per-sim-hour " + scale().secondsPerSimHour();
        return "./payonce chaos --seeds " + seed + " --orders " + orders + " --mode " + mode.label() + scale;
    }
}
