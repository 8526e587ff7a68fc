package io.payonce.bench;

import java.util.List;

/** Reads values from the gateway's /actuator/prometheus text: the sum over every series that matches. */
final class Prometheus {
    private final String text;

    Prometheus(String text) {
        this.text = text;
    }

    /** Sums {@code metric} over the series whose labels contain every one of {@code labels} (e.g. {@code method="GET"}). */
    double sum(String metric, String... labels) {
        double total = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) continue;
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            if (List.of(labels).stream().allMatch(series::contains)) {
                total += Double.parseDouble(line.substring(end + 1));
            }
        }
        return total;
    }

    /** How many channel queries the simulator answered: GETs of one payment on its merchant API. */
    double simQueries() {
        return sum("http_server_requests_seconds_count", "method=\"GET\"", "uri=\"/sim/api/payments/{paymentNo}\"");
    }
}
