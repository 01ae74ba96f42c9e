package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.contract.HttpTransportContract;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;

/** The transport contract for the JDK HttpClient. Nothing is skipped. */
class JdkHttpTransportContractTest extends HttpTransportContract {

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        return new JdkHttpTransport(options);
    }
}
