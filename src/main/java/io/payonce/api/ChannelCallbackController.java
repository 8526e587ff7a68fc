package io.payonce.api;

import io.payonce.callback.ReceiveCallback;
import io.payonce.channel.CallbackReply;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.Channels;
import io.payonce.channel.PaymentChannel;
import io.payonce.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** POST /channels/{channel}/notify: each channel's own wire format, verified by its own parser. */
@RestController
class ChannelCallbackController {
    private final Channels channels;
    private final ReceiveCallback receiveCallback;

    ChannelCallbackController(Channels channels, ReceiveCallback receiveCallback) {
        this.channels = channels;
        this.receiveCallback = receiveCallback;
    }

    /**
     * The body is read from the request stream as raw bytes (UTF-8): for a form POST (Alipay),
     * Spring's @RequestBody would hand over a body rebuilt from the parsed parameters, not the one sent.
     */
    @PostMapping("/channels/{channel}/notify")
    ResponseEntity<String> notify(@PathVariable String channel, @RequestHeader HttpHeaders headers,
                                  HttpServletRequest request) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        PaymentChannel adapter = channels.find(channel).orElseThrow(() -> ApiException.notFound("channel " + channel));
        Map<String, String> lowerCase = new HashMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.getFirst()));
        CallbackReply reply = receiveCallback.receive(adapter, new CallbackRequest(lowerCase, body));
        return ResponseEntity.status(reply.httpStatus()).header(HttpHeaders.CONTENT_TYPE, reply.contentType()).body(reply.body());
    }
}
