package io.payonce.channel.wechatpay;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The SDK's services hard-code https://api.mch.weixin.qq.com; this okhttp interceptor sends each
 * request to the configured base URL instead (scheme, host, port), keeping path and query. The
 * request signature covers only method, path, query and body, so it stays valid.
 */
final class BaseUrlInterceptor implements Interceptor {
    private final HttpUrl base;

    BaseUrlInterceptor(String baseUrl) {
        this.base = HttpUrl.get(baseUrl);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url().newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build();
        return chain.proceed(request.newBuilder().url(url).build());
    }
}
