package io.github.wechatpay4j.transport.okhttp;

import io.github.wechatpay4j.contract.HttpTransportContract;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/**
 * The transport contract over a client the user configured with OkHttp's defaults (which follow redirects, retry on
 * connection failure and allow 5 calls per host) plus an interceptor: the transport keeps every guarantee anyway.
 * Nothing is skipped.
 */
class OkHttpUserClientContractTest extends HttpTransportContract {
    private final List<OkHttpClient> clients = new ArrayList<>();

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("X-Mine", "1").build()));
        options.proxySelector().ifPresent(builder::proxySelector);
        // a user who needs a client certificate configures it on their own client, as here
        options.ssl().ifPresent(ssl -> builder.sslSocketFactory(ssl.getSocketFactory(), Tls.trustManager(ssl)));
        OkHttpClient mine = builder.build();
        clients.add(mine);
        return new OkHttpTransport(mine, options.maxResponseBytes());
    }

    @AfterEach
    void shutDown() {
        for (OkHttpClient c : clients) {
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
        }
    }
}
