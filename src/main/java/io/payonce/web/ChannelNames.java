package io.payonce.web;

import java.util.Map;

/** What a buyer reads for each channel id. */
final class ChannelNames {
    private static final Map<String, String> LABELS = Map.of(
            "sim", "PayOnce Simulator",
            "stripe", "Card (Stripe)",
            "wechatpay", "WeChat Pay",
            "alipay", "Alipay");

    private ChannelNames() {}

    static String label(String channelId) {
        return LABELS.getOrDefault(channelId, channelId);
    }
}
