package io.payonce.channel.wechatpay;

import io.payonce.channel.CallbackRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One notification exactly as WeChat Pay sends it: headers and the raw JSON body. */
public record WechatPayNotification(String id, Map<String, String> headers, String body) {
    public WechatPayNotification {
        headers = Map.copyOf(headers);
    }

    public WechatPayNotification withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(name, value);
        return new WechatPayNotification(id, changed, body);
    }

    public WechatPayNotification withBody(String changedBody) {
        return new WechatPayNotification(id, headers, changedBody);
    }

    /** As the gateway's callback endpoint hands it to the parser (header names in lower case). */
    public CallbackRequest asCallback() {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        return new CallbackRequest(lowerCase, body);
    }
}
