package io.payonce.chaos;

import java.time.Duration;
import java.util.List;

/**
 * A buyer's browser: the gateway's checkout redirect, the channel's page with its Pay and Fail
 * buttons, and the gateway's return page, which polls the payment's status with return.html's
 * delays (scaled, at least 100 ms) until it knows or its delays run out.
 */
final class Browser {
    /** return.html's delays, in the page's (simulated) time. */
    private static final List<Duration> RETURN_PAGE_POLLS = List.of(500, 1000, 2000, 2000, 3000, 5000, 5000, 8000, 10000)
            .stream().map(Duration::ofMillis).toList();
    private static final Duration POLL_FLOOR = Duration.ofMillis(100);

    enum PayResult { PAID, REFUSED, NO_ANSWER }

    private final Http http;
    private final String gatewayBaseUrl;
    private final Observations seen;
    private final TimeScale scale;

    Browser(Http http, String gatewayBaseUrl, Observations seen, TimeScale scale) {
        this.http = http;
        this.gatewayBaseUrl = gatewayBaseUrl;
        this.seen = seen;
        this.scale = scale;
    }

    /**
     * Opens the gateway's cashier as a buyer does and follows its "Continue to …" button (or an older
     * redirect straight to the channel). The cashier may first send the buyer on to the order's live
     * attempt or to its result page.
     * @return the channel's page for this attempt, or null when the gateway has none to send the buyer to
     */
    String openCheckout(String paymentNo) {
        String url = gatewayBaseUrl + "/checkout/" + paymentNo;
        for (int hop = 0; hop < MAX_GATEWAY_HOPS; hop++) {
            String current = url;
            Http.Response answer = Http.patiently(() -> http.get(current, null),
                    () -> seen.count("buyer: checkout unanswered or 5xx, asked again"));
            String channelPage = answer.status() == 302 ? absolute(answer.location()) : answer.status() == 200 ? payButton(answer.body()) : null;
            if (channelPage == null) {
                seen.count("buyer: checkout without a channel page (HTTP " + answer.status() + ")");
                return null;
            }
            if (!channelPage.startsWith(gatewayBaseUrl + "/checkout/")) return channelIfOpen(channelPage);
            if (channelPage.endsWith("/return")) {
                seen.count("buyer: cashier sent to the result page (already paid)");
                return null;
            }
            url = channelPage; // the order's live attempt
        }
        seen.count("buyer: cashier redirected too often");
        return null;
    }

    private static final int MAX_GATEWAY_HOPS = 3;
    private static final java.util.regex.Pattern PAY_BUTTON =
            java.util.regex.Pattern.compile("id=\"pay-redirect\"[^>]*href=\"([^\"]+)\"");

    private String payButton(String html) {
        java.util.regex.Matcher matcher = PAY_BUTTON.matcher(html == null ? "" : html);
        return matcher.find() ? absolute(matcher.group(1).replace("&amp;", "&")) : null;
    }

    private String absolute(String location) {
        if (location == null) return null;
        return location.startsWith("/") ? gatewayBaseUrl + location : location;
    }

    private String channelIfOpen(String channelPage) {
        Http.Response page = http.get(channelPage, null);
        if (page.status() != 200) {
            seen.count("buyer: channel page HTTP " + page.status());
            return null;
        }
        return channelPage;
    }

    PayResult pay(String channelPage) {
        Http.Response answer = http.postForm(channelPage + "/pay");
        PayResult result = answer.status() == 303 ? PayResult.PAID
                : answer.status() == 409 ? PayResult.REFUSED : PayResult.NO_ANSWER;
        seen.count("buyer: pays, channel says " + result);
        return result;
    }

    void decline(String channelPage) {
        http.postForm(channelPage + "/fail");
        seen.count("buyer: card declined");
    }

    /** @return the page's last result: paid, failed, closed, checking, or null if it never answered */
    String returnPage(String merchantOrderNo, String paymentNo) {
        String base = gatewayBaseUrl + "/checkout/" + paymentNo;
        if (http.get(base + "/return", null).status() != 200) {
            seen.count("buyer: return page did not load");
            return null;
        }
        String result = null;
        for (Duration delay : RETURN_PAGE_POLLS) {
            Buyer.sleep(scale.real(delay, POLL_FLOOR));
            long sent = System.nanoTime();
            Http.Response status = http.get(base + "/status", null);
            if (!status.ok()) continue;
            seen.sawStatus(merchantOrderNo, sent, status.text("orderStatus"), "return page");
            result = status.text("result");
            if (!"checking".equals(result)) break;
        }
        seen.count("buyer: return page ends " + result);
        return result;
    }
}
