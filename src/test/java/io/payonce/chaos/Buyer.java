package io.payonce.chaos;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Plays one {@link BuyerPlan}: the merchant's backend asks to pay, the buyer goes to the channel's
 * page, pays, declines or leaves, watches the return page or not, and comes back. Each waits in
 * simulated time; every request is real HTTP.
 */
final class Buyer implements Runnable {
    private static final int MAX_ROUNDS = 3;

    private final BuyerPlan plan;
    private final Shop shop;
    private final Browser browser;
    private final TimeScale scale;
    private final String secondChannel;

    Buyer(BuyerPlan plan, Shop shop, Browser browser, TimeScale scale, String secondChannel) {
        this.plan = plan;
        this.shop = shop;
        this.browser = browser;
        this.scale = scale;
        this.secondChannel = secondChannel;
    }

    @Override
    public void run() {
        switch (plan.kind()) {
            case PAYS -> payOnce("sim");
            case ABANDONS -> abandon();
            case DOUBLE_CLICKS -> doubleClick();
            case COMES_BACK -> firstTryThenComeBack("sim");
            case SWITCHES_CHANNEL -> firstTryThenComeBack(secondChannel);
            case PAYS_LATE -> payLate();
        }
        shop.look(plan.merchantOrderNo()); // the merchant looks at the order once the buyer is gone
    }

    /** Asks to pay until there is an attempt to pay, pays it, and watches the return page. */
    private void payOnce(String channel) {
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            Http.Response reply = ask(channel);
            if (!payable(reply)) return;
            String paymentNo = reply.text("attempt.paymentNo");
            String page = browser.openCheckout(paymentNo);
            if (page == null) {
                wait(Duration.ofMinutes(1)); // nothing to pay yet: the shop is asked again
                continue;
            }
            wait(plan.think());
            switch (browser.pay(page)) {
                case PAID -> {
                    if (plan.returnPageLoads()) browser.returnPage(plan.merchantOrderNo(), paymentNo);
                    return;
                }
                case REFUSED -> wait(Duration.ofMinutes(1));
                case NO_ANSWER -> { return; }
            }
        }
    }

    /** Every other abandoning buyer looks at the channel's page before leaving. */
    private void abandon() {
        Http.Response reply = ask("sim");
        if (payable(reply) && plan.index() % 2 == 0) browser.openCheckout(reply.text("attempt.paymentNo"));
    }

    private void doubleClick() {
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> ask("sim"), Thread::startVirtualThread);
        Http.Response second = ask("sim");
        Http.Response reply = payable(second) ? second : first.join();
        first.join();
        if (!payable(reply)) return;
        String paymentNo = reply.text("attempt.paymentNo");
        String page = browser.openCheckout(paymentNo);
        wait(plan.think());
        if (page == null || browser.pay(page) != Browser.PayResult.PAID) {
            payOnce("sim");
        } else if (plan.returnPageLoads()) {
            browser.returnPage(plan.merchantOrderNo(), paymentNo);
        }
    }

    /** Seed 000: pays (or the card is declined), learns nothing, comes back and asks again, on {@code comeBackOn}. */
    private void firstTryThenComeBack(String comeBackOn) {
        Http.Response reply = ask("sim");
        if (!payable(reply)) return;
        String paymentNo = reply.text("attempt.paymentNo");
        String page = browser.openCheckout(paymentNo);
        wait(plan.think());
        if (page != null) {
            if (plan.paysFirst()) browser.pay(page);
            else browser.decline(page);
            if (plan.returnPageLoads()) browser.returnPage(plan.merchantOrderNo(), paymentNo);
        }
        wait(plan.comeBackAfter());
        payOnce(comeBackOn);
    }

    /** Leaves the channel's page open and pays around the order's expiry. */
    private void payLate() {
        Http.Response reply = ask("sim");
        if (!payable(reply)) return;
        String paymentNo = reply.text("attempt.paymentNo");
        String page = browser.openCheckout(paymentNo);
        wait(plan.think());
        if (page != null && browser.pay(page) == Browser.PayResult.PAID && plan.returnPageLoads()) {
            browser.returnPage(plan.merchantOrderNo(), paymentNo);
        }
    }

    /** The buyer clicks "pay" in the shop. */
    private Http.Response ask(String channel) {
        return shop.pay(plan, channel);
    }

    private static boolean payable(Http.Response reply) {
        if (!reply.ok()) return false;
        String decision = reply.text("decision");
        return ("NEW_ATTEMPT".equals(decision) || "REUSED_ATTEMPT".equals(decision))
                && "PENDING".equals(reply.text("attempt.status"));
    }

    private void wait(Duration simulated) {
        sleep(scale.real(simulated));
    }

    static void sleep(Duration real) {
        try {
            Thread.sleep(real.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("buyer interrupted", e);
        }
    }
}
