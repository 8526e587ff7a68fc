package io.payonce.simulator;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ahead of the gateway's error advice, and only for the simulator's controllers: the PSP speaks its own format. */
@RestControllerAdvice(assignableTypes = {SimApiController.class, SimControlController.class, SimCheckoutController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnabledSimulator
class SimErrors {
    static ResponseEntity<Map<String, Object>> error(int status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", message));
    }

    @ExceptionHandler(SimRefusal.class)
    ResponseEntity<Map<String, Object>> refusal(SimRefusal e) {
        return error(e.httpStatus(), e.code(), e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, Object>> unreadable(RuntimeException e) {
        return error(400, "invalid_request", "body: not a valid request");
    }
}
