package io.payonce.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * A line chart drawn on the server as inline SVG: no chart library, no build step, and it works
 * with JavaScript off and under the console's strict Content-Security-Policy (no inline styles:
 * colours are SVG attributes). One point per time bucket; the legend shows each series' total or peak.
 */
final class SvgChart {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 30;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    static final List<String> PALETTE = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d");

    private final List<Instant> buckets;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private final Map<String, String> colours = new LinkedHashMap<>();
    private final String unit;
    private final boolean legendShowsPeak;

    /** @param buckets the start of each time bucket, oldest first; @param unit after each number on the y axis */
    SvgChart(List<Instant> buckets, String unit, boolean legendShowsPeak) {
        this.buckets = List.copyOf(buckets);
        this.unit = unit;
        this.legendShowsPeak = legendShowsPeak;
    }

    SvgChart series(String name, String colour, double[] values) {
        if (values.length != buckets.size()) throw new IllegalArgumentException(name + ": one value per bucket");
        series.put(name, values);
        colours.put(name, colour);
        return this;
    }

    String svg(String title) {
        double max = niceMax(series.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(esc(title)).append("</title>");
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            out.append(line(LEFT, y, WIDTH - RIGHT, y, "#e3e6ea"));
            out.append(text(LEFT - 6, y + 4, "end", number(max * i / 4) + unit));
        }
        int labelEvery = Math.max(1, buckets.size() / 8);
        for (int i = 0; i < buckets.size(); i += labelEvery) {
            out.append(text(x(i, plotWidth), HEIGHT - 8, "middle", CLOCK.format(buckets.get(i))));
        }
        int legendX = LEFT;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            String colour = colours.get(entry.getKey());
            out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
            double[] values = entry.getValue();
            for (int i = 0; i < values.length; i++) {
                double y = TOP + plotHeight - (max == 0 ? 0 : values[i] / max * plotHeight);
                out.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, plotWidth), y));
            }
            out.append("\"/>");
            String label = entry.getKey() + " (" + (legendShowsPeak ? "peak " + number(peak(values)) : number(sum(values))) + unit + ")";
            out.append("<rect x=\"").append(legendX).append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"").append(colour).append("\"/>");
            out.append(text(legendX + 16, 18, "start", label));
            legendX += 30 + label.length() * 7;
        }
        return out.append("</svg>").toString();
    }

    private double x(int i, int plotWidth) {
        return LEFT + (buckets.size() <= 1 ? 0 : plotWidth * i / (double) (buckets.size() - 1));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\" fill=\"#555\">%s</text>",
                x, y, anchor, esc(text));
    }

    static double niceMax(double max) {
        if (max <= 0) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) return step * magnitude;
        }
        return 10 * magnitude;
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.valueOf((long) value);
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static double sum(double[] values) {
        return java.util.Arrays.stream(values).sum();
    }

    private static double peak(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
