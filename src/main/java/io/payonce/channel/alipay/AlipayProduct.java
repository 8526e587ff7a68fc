package io.payonce.channel.alipay;

import java.util.Locale;

/** PAGE: computer website pay (alipay.trade.page.pay), a redirect. QR: face-to-face precreate (alipay.trade.precreate). */
public enum AlipayProduct {
    PAGE,
    QR;

    /** @return null when the text names neither product. */
    static AlipayProduct parse(String text) {
        if (text == null) return null;
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "PAGE" -> PAGE;
            case "QR" -> QR;
            default -> null;
        };
    }
}
