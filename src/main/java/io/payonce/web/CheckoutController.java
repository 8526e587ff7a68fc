package io.payonce.web;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.Attempts;
import io.payonce.order.Order;
import io.payonce.order.Orders;
import io.payonce.shared.ApiException;
import io.payonce.shared.MoneyAmount;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The buyer's pages: off to the channel, and back to a result page that keeps asking (M9). */
@Controller
class CheckoutController {
    private final Attempts attempts;
    private final Orders orders;

    CheckoutController(Attempts attempts, Orders orders) {
        this.attempts = attempts;
        this.orders = orders;
    }

    @GetMapping("/checkout/{paymentNo}")
    Object checkout(@PathVariable String paymentNo, Model model) {
        Attempt attempt = attempt(paymentNo);
        if (attempt.action() != null && attempt.action().type().equals("redirect")) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(attempt.action().fields().get("url"))).build();
        }
        model.addAttribute("attempt", attempt);
        model.addAttribute("order", order(attempt));
        return "checkout";
    }

    @GetMapping("/checkout/{paymentNo}/return")
    String result(@PathVariable String paymentNo, Model model) {
        Attempt attempt = attempt(paymentNo);
        Order order = order(attempt);
        model.addAttribute("paymentNo", paymentNo);
        model.addAttribute("order", order);
        model.addAttribute("amount", MoneyAmount.toDecimalString(order.amountMinor(), order.currency()));
        return "return";
    }

    private Attempt attempt(String paymentNo) {
        return attempts.find(paymentNo).orElseThrow(() -> ApiException.notFound("payment " + paymentNo));
    }

    private Order order(Attempt attempt) {
        return orders.find(attempt.orderId()).orElseThrow();
    }
}
