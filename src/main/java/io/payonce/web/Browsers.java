package io.payonce.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's family and major version from its User-Agent, for grouping client events ("Chrome 140"). */
final class Browsers {
    private record Rule(String family, Pattern pattern) {}

    // Order matters: Edge, Opera and WeChat's browser also say "Chrome", Chrome also says "Safari".
    private static final List<Rule> RULES = List.of(
            new Rule("Edge", Pattern.compile("Edg(?:e|A|iOS)?/(\\d+)")),
            new Rule("Opera", Pattern.compile("OPR/(\\d+)")),
            new Rule("WeChat", Pattern.compile("MicroMessenger/(\\d+)")),
            new Rule("HeadlessChrome", Pattern.compile("HeadlessChrome/(\\d+)")),
            new Rule("Chrome", Pattern.compile("(?:Chrome|CriOS)/(\\d+)")),
            new Rule("Firefox", Pattern.compile("(?:Firefox|FxiOS)/(\\d+)")),
            new Rule("Safari", Pattern.compile("Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/")));

    private Browsers() {}

    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return "Unknown";
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(userAgent);
            if (matcher.find()) return rule.family() + " " + matcher.group(1);
        }
        return "Other";
    }
}
