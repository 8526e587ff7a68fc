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

    /** @return the channel's page for this attempt, or null when the gateway has none to send the buyer to */
    String openCheckout(String paymentNo) {
        Http.Response redirect = Http.patiently(() -> http.get(gatewayBaseUrl + "/checkout/" + paymentNo, null),
                () -> seen.count("buyer: checkout unanswered or 5xx, asked again"));
        if (redirect.status() != 302 || redirect.location() == null) {
            seen.count("buyer: checkout without a channel page (HTTP " + redirect.status() + ")");
            return null;
        }
        Http.Response page = http.get(redirect.location(), null);
        if (page.status() != 200) {
            seen.count("buyer: channel page HTTP " + page.status());
            return null;
        }
        return redirect.location();
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
