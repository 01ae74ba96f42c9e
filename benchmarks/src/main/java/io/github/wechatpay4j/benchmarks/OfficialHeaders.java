package io.github.wechatpay4j.benchmarks;

import java.io.IOException;

/**
 * The JDK {@code HttpServer} under the fake server sends {@code Wechatpay-timestamp}; the official SDK looks its
 * headers up with WeChat Pay's exact spelling ({@code Wechatpay-Timestamp}) and fails otherwise. This OkHttp network
 * interceptor restores the spelling, at the cost of one header copy per call. Depends on OkHttp only, so that the
 * official cold start runs on the official SDK's class path alone.
 */
final class OfficialHeaders {
    private static final String[] CANONICAL = {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial",
            "Wechatpay-Signature", "Wechatpay-Signature-Type", "Request-ID"};

    private OfficialHeaders() {
    }

    static okhttp3.Response wechatPaySpelling(okhttp3.Interceptor.Chain chain) throws IOException {
        okhttp3.Response response = chain.proceed(chain.request());
        okhttp3.Headers.Builder headers = new okhttp3.Headers.Builder();
        okhttp3.Headers original = response.headers();
        for (int i = 0; i < original.size(); i++) {
            String name = original.name(i);
            for (String canonical : CANONICAL) {
                if (canonical.equalsIgnoreCase(name)) {
                    name = canonical;
                }
            }
            headers.add(name, original.value(i));
        }
        return response.newBuilder().headers(headers.build()).build();
    }
}
