package io.payonce.channel.wechatpay;

import java.io.IOException;
import java.util.List;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * HTTP header names are case-insensitive, but the SDK looks up Wechatpay-Timestamp, -Nonce,
 * -Signature and -Serial case-sensitively. A proxy or HTTP/2 (lower-case names) would make every
 * reply fail verification, so their spelling is restored before the SDK reads them. Values are
 * untouched: the SDK still verifies the signature over them.
 */
final class CanonicalHeaderNames implements Interceptor {
    private static final List<String> CANONICAL = List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
            "Wechatpay-Serial", "Wechatpay-Signature-Type", "Request-ID");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Headers.Builder headers = new Headers.Builder();
        boolean changed = false;
        for (int i = 0; i < response.headers().size(); i++) {
            String name = canonical(response.headers().name(i));
            changed |= !name.equals(response.headers().name(i));
            headers.add(name, response.headers().value(i));
        }
        return changed ? response.newBuilder().headers(headers.build()).build() : response;
    }

    private static String canonical(String name) {
        for (String canonical : CANONICAL) {
            if (canonical.equalsIgnoreCase(name)) return canonical;
        }
        return name;
    }
}
