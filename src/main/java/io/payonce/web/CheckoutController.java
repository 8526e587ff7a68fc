package io.payonce.web;

import io.payonce.attempt.Attempt;
import io.payonce.order.Order;
import io.payonce.order.PayOutcome;
import io.payonce.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The buyer's pages. The paymentNo in the URL is the capability: unguessable (80 random bits),
 * known only to the buyer, the merchant and the channel. The cashier shows the order and the live
 * attempt's action; the return page keeps asking /status (M9); both can start another attempt,
 * always through PayOrder.
 */
@Controller
class CheckoutController {
    private final Cashier cashier;
    private final FormToken formToken;
    private final PagesProperties properties;

    CheckoutController(Cashier cashier, FormToken formToken, PagesProperties properties) {
        this.cashier = cashier;
        this.formToken = formToken;
        this.properties = properties;
    }

    /** The cashier. A paid order goes to its result; an older attempt's link goes to the live one. */
    @GetMapping("/checkout/{paymentNo}")
    Object cashier(@PathVariable String paymentNo, Model model, HttpServletRequest request, HttpServletResponse response) {
        Attempt attempt = cashier.attempt(paymentNo);
        Order order = cashier.order(attempt);
        if (order.status().isPaid()) return see("/checkout/" + order.payingPaymentNo() + "/return");
        Optional<Attempt> live = cashier.newerLive(order, attempt);
        if (live.isPresent()) return see("/checkout/" + live.get().paymentNo());
        return render("checkout", cashier.page(attempt, order), null, model, request, response);
    }

    @GetMapping("/checkout/{paymentNo}/return")
    String result(@PathVariable String paymentNo, Model model, HttpServletRequest request, HttpServletResponse response) {
        Attempt attempt = cashier.attempt(paymentNo);
        return render("return", cashier.page(attempt, cashier.order(attempt)), null, model, request, response);
    }

    /** Pay (again) with a channel: the cashier's channel buttons and the return page's "try again". */
    @PostMapping("/checkout/{paymentNo}/pay")
    Object pay(@PathVariable String paymentNo, @RequestParam(required = false) String channel,
               @RequestParam(name = FormToken.FIELD, required = false) String token,
               Model model, HttpServletRequest request, HttpServletResponse response) {
        Attempt attempt = cashier.attempt(paymentNo);
        Order order = cashier.order(attempt);
        Optional<String> refusal = formToken.refusal(request, token)
                .or(() -> cashier.channelRefusal(order, attempt, channel));
        if (refusal.isPresent()) {
            response.setStatus(refusal.get().startsWith("channel") ? 400 : 403);
            return render("checkout", cashier.page(attempt, order), refusal.get(), model, request, response);
        }
        return switch (cashier.pay(order, channel)) {
            case PayOutcome.Decided decided when decided.decision() == PayOutcome.Decision.ALREADY_PAID ->
                    see("/checkout/" + decided.attempt().paymentNo() + "/return");
            case PayOutcome.Decided decided -> see("/checkout/" + decided.attempt().paymentNo());
            case PayOutcome.Refused refused -> {
                response.setStatus(refused.refusal().httpStatus);
                Order now = cashier.order(attempt);
                yield render("checkout", cashier.page(attempt, now), refused.refusal().code + ": " + refused.message(),
                        model, request, response);
            }
        };
    }

    @ExceptionHandler(ApiException.class)
    String problem(ApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.httpStatus());
        model.addAttribute("message", e.getMessage());
        return "problem";
    }

    private String render(String view, Cashier.Page page, String error, Model model,
                          HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("page", page);
        model.addAttribute("error", error);
        model.addAttribute("formToken", formToken.issue(request, response));
        model.addAttribute("pollDeadlineMs", properties.pollDeadline().toMillis());
        model.addAttribute("pollRequestTimeoutMs", properties.pollRequestTimeout().toMillis());
        return view;
    }

    /** 303: after a POST the browser GETs the next page, so a reload never re-submits. */
    private static RedirectView see(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
