package io.payonce.console;

import io.payonce.notify.NotificationAdmin;
import io.payonce.shared.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The queues that need a human, and the one action they offer every operator: re-send a dead notification. */
@Controller
class QueuesController {
    private final QueueQueries queues;
    private final NotificationAdmin notifications;

    QueuesController(QueueQueries queues, NotificationAdmin notifications) {
        this.queues = queues;
        this.notifications = notifications;
    }

    @GetMapping("/console/queues")
    String queues(Model model) {
        model.addAttribute("duplicates", queues.duplicateRefunds());
        model.addAttribute("troubledRefunds", queues.troubledRefunds());
        model.addAttribute("overdueAttempts", queues.attemptsPastSchedule());
        model.addAttribute("deadNotifications", queues.deadNotifications());
        model.addAttribute("clientErrors", queues.clientErrors());
        model.addAttribute("limit", QueueQueries.LIMIT);
        model.addAttribute("stuckMinutes", QueueQueries.STUCK_REFUND.toMinutes());
        return "console/queues";
    }

    @PostMapping("/console/notifications/{notificationId}/resend")
    String resend(@PathVariable String notificationId, RedirectAttributes redirect) {
        try {
            notifications.resend(notificationId);
            redirect.addFlashAttribute("notice", "Notification " + notificationId + " is being sent again.");
        } catch (ApiException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/console/queues#dead-notifications";
    }
}
