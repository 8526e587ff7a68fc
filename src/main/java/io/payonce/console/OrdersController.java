package io.payonce.console;

import io.payonce.channel.Channels;
import io.payonce.order.OrderStatus;
import io.payonce.shared.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The order list (search, filters, keyset pages) and one order's page with its whole timeline. */
@Controller
class OrdersController {
    private final OrderQueries orders;
    private final OrderTimeline timeline;

    OrdersController(OrderQueries orders, OrderTimeline timeline) {
        this.orders = orders;
        this.timeline = timeline;
    }

    @GetMapping("/console/orders")
    String list(@RequestParam Map<String, String> params, Model model) {
        OrderFilter filter = OrderFilter.from(params);
        OrderQueries.Page page = orders.list(filter);
        model.addAttribute("filter", params);
        model.addAttribute("rows", page.rows());
        model.addAttribute("statuses", List.of(OrderStatus.values()));
        model.addAttribute("channels", Channels.KNOWN.stream().sorted().toList());
        model.addAttribute("nextUrl", page.next() == null ? null
                : ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", page.next().text()).build().toUriString());
        model.addAttribute("firstUrl", filter.after() == null ? null
                : ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after").build().toUriString());
        return "console/orders";
    }

    @GetMapping("/console/orders/{orderId}")
    String show(@PathVariable long orderId, Model model) {
        model.addAttribute("order", orders.find(orderId).orElseThrow(() -> ApiException.notFound("order " + orderId)));
        model.addAttribute("attempts", timeline.attempts(orderId));
        model.addAttribute("refunds", timeline.refunds(orderId));
        model.addAttribute("notifications", timeline.notifications(orderId));
        model.addAttribute("events", timeline.events(orderId));
        model.addAttribute("maxEvents", OrderTimeline.MAX_EVENTS);
        return "console/order";
    }
}
