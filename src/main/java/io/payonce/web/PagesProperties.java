package io.payonce.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the buyer pages ({@code payonce.pages.*}).
 *
 * @param pollDeadline          how long the return page keeps asking /status on its own before it stops and offers "check again"
 * @param pollRequestTimeout    the page gives up on one /status request after this long (and reports it)
 * @param clientEventsMaxBodyBytes a larger /client-events body is refused (413)
 * @param clientEventsPerRequest   events in one batch, at most
 * @param clientEventsPerPayment   events stored per payment within {@code clientEventsWindow}; more are refused (429)
 * @param qrMaxCodeLength       a QR action's code longer than this is not drawn (a QR code holds ~2,900 bytes at best)
 * @param qrSizePx              width and height of the QR image
 */
@ConfigurationProperties("payonce.pages")
record PagesProperties(Duration pollDeadline, Duration pollRequestTimeout, Integer clientEventsMaxBodyBytes,
                       Integer clientEventsPerRequest, Integer clientEventsPerPayment, Duration clientEventsWindow,
                       Integer qrMaxCodeLength, Integer qrSizePx) {
    PagesProperties {
        pollDeadline = pollDeadline == null ? Duration.ofMinutes(5) : pollDeadline;
        pollRequestTimeout = pollRequestTimeout == null ? Duration.ofSeconds(8) : pollRequestTimeout;
        clientEventsMaxBodyBytes = clientEventsMaxBodyBytes == null ? 16_384 : clientEventsMaxBodyBytes;
        clientEventsPerRequest = clientEventsPerRequest == null ? 20 : clientEventsPerRequest;
        clientEventsPerPayment = clientEventsPerPayment == null ? 60 : clientEventsPerPayment;
        clientEventsWindow = clientEventsWindow == null ? Duration.ofMinutes(10) : clientEventsWindow;
        qrMaxCodeLength = qrMaxCodeLength == null ? 1_024 : qrMaxCodeLength;
        qrSizePx = qrSizePx == null ? 280 : qrSizePx;
        if (qrSizePx < 64 || qrSizePx > 1_024) throw new IllegalArgumentException("payonce.pages.qr-size-px must be 64..1024");
    }
}
