package io.payonce.notify;

import io.payonce.shared.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for notifications. Authentication is the admin interceptor's, for every /v1/admin/** path. */
@RestController
@RequestMapping("/v1/admin/notifications")
class NotificationAdminController {
    private static final int DEFAULT_LIMIT = 50;

    private final NotificationAdmin admin;

    NotificationAdminController(NotificationAdmin admin) {
        this.admin = admin;
    }

    /** Newest first, at most 200. */
    @GetMapping
    Map<String, List<NotificationView>> list(@RequestParam(required = false) String status,
                                             @RequestParam(required = false) String limit) {
        return Map.of("notifications",
                admin.newest(status, parseLimit(limit)).stream().map(NotificationView::of).toList());
    }

    @PostMapping("/{notificationId}/resend")
    NotificationView resend(@PathVariable String notificationId) {
        return NotificationView.of(admin.resend(notificationId));
    }

    // Parsed here so that "limit=abc" is a 400 like any other bad input, not a framework error.
    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        if (!limit.matches("\\d{1,4}")) {
            throw ApiException.invalid("limit", "must be 1.." + NotificationAdmin.MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }
}
