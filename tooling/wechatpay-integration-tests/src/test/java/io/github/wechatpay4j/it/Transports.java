package io.github.wechatpay4j.it;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransport;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransport;

/** The three transports by name, for tests parameterised over them. */
final class Transports {
    private Transports() {}

    static HttpTransport create(String name, TransportOptions options) {
        return switch (name) {
            case "jdk" -> new JdkHttpTransport(options);
            case "okhttp" -> new OkHttpTransport(options);
            case "apache" -> new ApacheHttpTransport(options);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
