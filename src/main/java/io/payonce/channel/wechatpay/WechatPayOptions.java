package io.payonce.channel.wechatpay;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the buyer pays with WeChat Pay, from {@code CreatePayment.channelOptions}: {@code tradeType}
 * NATIVE (a QR code, the default), JSAPI (inside WeChat, needs the buyer's {@code openid}) or H5
 * (a mobile browser, needs {@code payerClientIp}).
 */
record WechatPayOptions(TradeType tradeType, String openid, String payerClientIp) {
    enum TradeType { NATIVE, JSAPI, H5 }

    private static final Set<String> KEYS = Set.of("tradeType", "openid", "payerClientIp");
    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
    private static final Pattern IP = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]{2,45}");

    /** Why the options cannot work, if they cannot; phrased for the merchant's API error. */
    static Optional<String> problem(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                return Optional.of("unknown option " + key + "; wechatpay takes tradeType, openid and payerClientIp");
            }
        }
        String tradeType = options.getOrDefault("tradeType", "NATIVE");
        if (!Set.of("NATIVE", "JSAPI", "H5").contains(tradeType)) {
            return Optional.of("tradeType must be NATIVE, JSAPI or H5");
        }
        String openid = options.get("openid");
        String ip = options.get("payerClientIp");
        if (tradeType.equals("JSAPI") && (openid == null || !OPENID.matcher(openid).matches())) {
            return Optional.of("openid (the buyer's WeChat openid for the appid) is required with tradeType JSAPI");
        }
        if (!tradeType.equals("JSAPI") && openid != null) return Optional.of("openid is only used with tradeType JSAPI");
        if (tradeType.equals("H5") && (ip == null || !IP.matcher(ip).matches())) {
            return Optional.of("payerClientIp (the buyer's IPv4 or IPv6 address) is required with tradeType H5");
        }
        if (!tradeType.equals("H5") && ip != null) return Optional.of("payerClientIp is only used with tradeType H5");
        return Optional.empty();
    }

    /** @throws IllegalArgumentException when {@link #problem} has something to say */
    static WechatPayOptions of(Map<String, String> options) {
        problem(options).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return new WechatPayOptions(TradeType.valueOf(options.getOrDefault("tradeType", "NATIVE")),
                options.get("openid"), options.get("payerClientIp"));
    }
}
