package io.payonce.compensation;

import io.payonce.order.CloseOrder;
import io.payonce.order.OrderEvents.OrderOpened;
import io.payonce.shared.JobHandler;
import io.payonce.shared.Jobs;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** M12: at expireAt the order's live attempts are asked, closed at the channel, and the order is CLOSED. */
@Component
class OrderExpiryJob implements JobHandler {
    static final String NAME = "order-expire";

    private final Jobs jobs;
    private final CloseOrder closeOrder;

    OrderExpiryJob(Jobs jobs, CloseOrder closeOrder) {
        this.jobs = jobs;
        this.closeOrder = closeOrder;
    }

    @Override
    public String jobName() {
        return NAME;
    }

    @EventListener
    void on(OrderOpened opened) {
        jobs.schedule(NAME, String.valueOf(opened.orderId()), opened.expireAt(), 0);
    }

    @Override
    public JobResult run(String orderId, int step) {
        closeOrder.close(Long.parseLong(orderId), "expired");
        return JobResult.done();
    }
}
