package io.payonce.chaos;

import java.time.Duration;
import java.util.List;

/**
 * A buyer's browser: the gateway's checkout redirect, the channel's page with its Pay and Fail
 * buttons, and the gateway's return page, which polls the payment's status at the page's own
 * pace (JavaScript in a browser does not run on simulated time) until it knows or the buyer
 * closes it.
 */
final class Browser {
    /** return.html's first delays; the buyer closes the tab after them. */
    private static final List<Duration> RETURN_PAGE_POLLS = List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));

    enum PayResult { PAID, REFUSED, NO_ANSWER }

    private final Http http;
    private final String gatewayBaseUrl;
    private final Observations seen;

    Browser(Http http, String gatewayBaseUrl, Observations seen) {
        this.http = http;
        this.gatewayBaseUrl = gatewayBaseUrl;
        this.seen = seen;
    }

    /** @return the channel's page for this attempt, or null when the gateway has none to send the buyer to */
    String openCheckout(String paymentNo) {
        Http.Response redirect = http.get(gatewayBaseUrl + "/checkout/" + paymentNo, null);
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
            Buyer.sleep(delay);
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
