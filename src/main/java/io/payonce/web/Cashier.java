package io.payonce.web;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.Attempts;
import io.payonce.channel.Channels;
import io.payonce.channel.PaymentAction;
import io.payonce.merchant.Merchant;
import io.payonce.merchant.Merchants;
import io.payonce.order.NewOrder;
import io.payonce.order.Order;
import io.payonce.order.Orders;
import io.payonce.order.PayOrder;
import io.payonce.order.PayOutcome;
import io.payonce.shared.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * What the buyer pages show of an order, and the one way a buyer starts another attempt: through
 * {@link PayOrder}, so the duplicate window, the ask-before-re-issuing check and the attempt limit
 * (M2–M4) apply exactly as to a merchant's request. A buyer can never cause a blind second charge.
 */
@Service
@EnableConfigurationProperties(PagesProperties.class)
class Cashier {
    record ChannelChoice(String id, String label, boolean current) {}

    /** @param state paid | closed | failed | checking (see {@link BuyerState}); @param payable the attempt can still be paid */
    record Page(String paymentNo, String merchantName, String merchantOrderNo, String subject, String amount,
                String currency, String state, boolean payable, String channel, String channelLabel,
                PaymentAction action, List<ChannelChoice> channels, int attemptsUsed, int attemptsMax, String returnUrl) {
        public boolean retryable() {
            return state.equals(BuyerState.FAILED) && attemptsUsed < attemptsMax;
        }

        public Map<String, String> actionFields() {
            return action == null ? Map.of() : new java.util.TreeMap<>(action.fields());
        }
    }

    private final Attempts attempts;
    private final Orders orders;
    private final Merchants merchants;
    private final Channels channels;
    private final PayOrder payOrder;

    Cashier(Attempts attempts, Orders orders, Merchants merchants, Channels channels, PayOrder payOrder) {
        this.attempts = attempts;
        this.orders = orders;
        this.merchants = merchants;
        this.channels = channels;
        this.payOrder = payOrder;
    }

    Attempt attempt(String paymentNo) {
        return attempts.find(paymentNo).orElseThrow(() -> ApiException.notFound("payment " + paymentNo));
    }

    Order order(Attempt attempt) {
        return orders.find(attempt.orderId()).orElseThrow();
    }

    /** The attempt a buyer should be looking at instead of this one: the order's live attempt, if another. */
    Optional<Attempt> newerLive(Order order, Attempt attempt) {
        return attempts.live(order.orderId()).filter(live -> !live.paymentNo().equals(attempt.paymentNo()));
    }

    Page page(Attempt attempt, Order order) {
        Merchant merchant = merchant(order);
        return new Page(attempt.paymentNo(), merchant.name(), order.merchantOrderNo(), order.subject(),
                AmountText.of(order.amountMinor(), order.currency()), order.currency().getCurrencyCode(),
                BuyerState.of(order, attempt), attempt.isLive() && order.status().isOpen(), attempt.channel(),
                ChannelNames.label(attempt.channel()), attempt.isLive() ? attempt.action() : null,
                choices(order, attempt), order.attemptsUsed(), merchant.policy().maxAttempts(), order.returnUrl());
    }

    /** The channels this gateway offers that take the order's currency. */
    List<ChannelChoice> choices(Order order, Attempt current) {
        return channels.offered().stream().sorted()
                .filter(id -> channels.get(id).supports(order.currency()))
                .map(id -> new ChannelChoice(id, ChannelNames.label(id), current.isLive() && id.equals(current.channel())))
                .toList();
    }

    /** Why the buyer cannot pay this order with {@code channel}, or empty. */
    Optional<String> channelRefusal(Order order, Attempt current, String channel) {
        if (channel == null || channel.isBlank()) return Optional.of("channel: choose how to pay");
        boolean offered = choices(order, current).stream().anyMatch(choice -> choice.id().equals(channel));
        if (!offered) {
            return Optional.of("channel: " + (channel.length() > 32 ? channel.substring(0, 32) + "…" : channel)
                    + " is not offered for payments in " + order.currency().getCurrencyCode());
        }
        return Optional.empty();
    }

    /** A new attempt (or the live one, or ALREADY_PAID) for the order, decided by PayOrder's rules. */
    PayOutcome pay(Order order, String channel) {
        NewOrder request = new NewOrder(order.merchantOrderNo(), order.amountMinor(), order.currency(), channel,
                order.subject(), order.returnUrl(), order.notifyUrl(), null);
        return payOrder.pay(merchant(order), request);
    }

    private Merchant merchant(Order order) {
        return merchants.find(order.merchantId()).orElseThrow();
    }
}
