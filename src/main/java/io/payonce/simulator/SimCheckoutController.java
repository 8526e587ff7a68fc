package io.payonce.simulator;

import io.payonce.shared.MoneyAmount;
import java.net.URI;
import java.util.Currency;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;

/** The buyer's page at the PSP: one Pay and one Fail button, then back to the merchant's return page. */
@RestController
@EnabledSimulator
class SimCheckoutController {
    private final SimPayments payments;
    private final String publicBaseUrl;

    SimCheckoutController(SimPayments payments, @Value("${payonce.simulator.public-base-url:}") String publicBaseUrl) {
        this.payments = payments;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** Where buyers reach this PSP: configured, or else the address the current request came to. */
    String checkoutUrl(String channelTxnId) {
        String base = publicBaseUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : publicBaseUrl;
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/sim/checkout/" + channelTxnId;
    }

    @GetMapping(value = "/sim/checkout/{channelTxnId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String channelTxnId) {
        Txn txn = txn(channelTxnId);
        String amount = MoneyAmount.toDecimalString(txn.amountMinor(), Currency.getInstance(txn.currency())) + " " + txn.currency();
        String action = "/sim/checkout/" + HtmlUtils.htmlEscape(channelTxnId);
        String buttons = txn.status().equals("CREATED")
                ? "<form method=\"post\" action=\"" + action + "/pay\"><button>Pay</button></form>"
                  + "<form method=\"post\" action=\"" + action + "/fail\"><button>Fail</button></form>"
                : "<p>This payment is " + txn.status().toLowerCase(java.util.Locale.ROOT) + ".</p>";
        return html(HttpStatus.OK, "<h1>PayOnce simulator</h1><p>" + HtmlUtils.htmlEscape(String.valueOf(txn.subject()))
                + "</p><p>Amount: <strong>" + amount + "</strong></p>" + buttons);
    }

    @PostMapping("/sim/checkout/{channelTxnId}/pay")
    ResponseEntity<String> pay(@PathVariable String channelTxnId) {
        return act(channelTxnId, payments::pay);
    }

    @PostMapping("/sim/checkout/{channelTxnId}/fail")
    ResponseEntity<String> fail(@PathVariable String channelTxnId) {
        return act(channelTxnId, payments::fail);
    }

    private ResponseEntity<String> act(String channelTxnId, Function<String, Txn> action) {
        Txn txn = txn(channelTxnId);
        Txn after;
        try {
            after = action.apply(txn.paymentNo());
        } catch (SimRefusal refused) {
            return html(HttpStatus.CONFLICT, "<h1>Payment refused</h1><p>" + HtmlUtils.htmlEscape(refused.getMessage()) + "</p>");
        }
        if (after.returnUrl() == null || after.returnUrl().isBlank()) {
            return html(HttpStatus.OK, "<h1>Payment " + after.status().toLowerCase(java.util.Locale.ROOT) + "</h1>");
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(after.returnUrl())).build();
    }

    private Txn txn(String channelTxnId) {
        return payments.findByTxnId(channelTxnId)
                .orElseThrow(() -> new SimRefusal(404, "not_found", "no payment " + channelTxnId));
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><html><head><meta charset=\"utf-8\"><title>Simulator checkout</title></head><body>"
                        + body + "</body></html>");
    }
}
