package io.github.wechatpay4j.transport.apache;

import io.github.wechatpay4j.contract.HttpTransportContract;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport contract over clients a user built from {@link ApacheHttpTransport#classicBuilder} and
 * {@link ApacheHttpTransport#asyncBuilder} (with an interceptor of their own): the documented way to bring your own
 * clients keeps every guarantee. Nothing is skipped.
 */
class ApacheUserClientsContractTest extends HttpTransportContract {
    private final List<Closeable> clients = new ArrayList<>();

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        CloseableHttpClient classic = ApacheHttpTransport.classicBuilder(options)
                .addRequestInterceptorLast((request, entity, context) -> request.addHeader("X-Mine", "classic"))
                .build();
        CloseableHttpAsyncClient async = ApacheHttpTransport.asyncBuilder(options)
                .addRequestInterceptorLast((request, entity, context) -> request.addHeader("X-Mine", "async"))
                .build();
        clients.add(classic);
        clients.add(async);
        return new ApacheHttpTransport(classic, async, options.maxResponseBytes());
    }

    @AfterEach
    void closeClients() throws IOException {
        for (Closeable c : clients) {
            c.close();
        }
    }
}
