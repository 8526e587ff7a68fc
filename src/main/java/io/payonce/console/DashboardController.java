package io.payonce.console;

import io.payonce.channel.Channels;
import io.payonce.shared.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Charts over the last hour, 6 hours or day: payments by outcome, time to truth, pending attempts by age, notifications. */
@Controller
class DashboardController {
    /** The windows offered, each with its bucket width: at most 96 points per line. */
    static final Map<String, Duration[]> WINDOWS = Map.of(
            "1h", new Duration[] {Duration.ofHours(1), Duration.ofMinutes(1)},
            "6h", new Duration[] {Duration.ofHours(6), Duration.ofMinutes(5)},
            "24h", new Duration[] {Duration.ofHours(24), Duration.ofMinutes(15)});

    private final DashboardQueries queries;
    private final Clock clock;

    DashboardController(DashboardQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/console/dashboard")
    String dashboard(@RequestParam(defaultValue = "1h") String window, @RequestParam(required = false) String channel, Model model) {
        Duration[] chosen = WINDOWS.get(window);
        if (chosen == null) throw ApiException.invalid("window", "must be one of 1h, 6h, 24h");
        String onlyChannel = channel == null || channel.isBlank() ? null : channel;
        if (onlyChannel != null && !Channels.KNOWN.contains(onlyChannel)) {
            throw ApiException.invalid("channel", "must be one of " + Channels.KNOWN);
        }
        Duration width = chosen[1];
        int count = (int) (chosen[0].toSeconds() / width.toSeconds());
        // Buckets end at the next whole bucket, so each point is one full minute (or 5, or 15) and the last one is "now".
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        DashboardQueries.Window w = new DashboardQueries.Window(end.minus(width.multipliedBy(count)), width, count);
        String per = width.toMinutes() == 1 ? "per minute" : "per " + width.toMinutes() + " minutes";

        Map<String, double[]> outcomes = queries.outcomes(w, onlyChannel);
        model.addAttribute("window", window);
        model.addAttribute("channel", onlyChannel);
        model.addAttribute("channels", Channels.KNOWN.stream().sorted().toList());
        model.addAttribute("windows", List.of("1h", "6h", "24h"));
        model.addAttribute("per", per);
        model.addAttribute("totals", totals(outcomes));
        model.addAttribute("byChannel", queries.outcomesByChannel(w));
        model.addAttribute("outcomesChart", chart(w, "", false, outcomes).svg("Payments " + per + " by outcome"));
        model.addAttribute("truthChart", chart(w, "s", true, queries.timeToTruth(w, onlyChannel)).svg("Time to truth, seconds"));
        model.addAttribute("pendingChart", chart(w, "", true, queries.pendingByAge(w, onlyChannel)).svg("Pending attempts by age"));
        model.addAttribute("notificationsChart", chart(w, "", false, queries.notifications(w)).svg("Notifications " + per));
        return "console/dashboard";
    }

    private static SvgChart chart(DashboardQueries.Window window, String unit, boolean peak, Map<String, double[]> series) {
        SvgChart chart = new SvgChart(window.buckets(), unit, peak);
        int i = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            chart.series(entry.getKey(), SvgChart.PALETTE.get(i++ % SvgChart.PALETTE.size()), entry.getValue());
        }
        return chart;
    }

    private static Map<String, Long> totals(Map<String, double[]> outcomes) {
        Map<String, Long> totals = new java.util.LinkedHashMap<>();
        outcomes.forEach((name, values) -> totals.put(name, (long) java.util.Arrays.stream(values).sum()));
        return totals;
    }
}
