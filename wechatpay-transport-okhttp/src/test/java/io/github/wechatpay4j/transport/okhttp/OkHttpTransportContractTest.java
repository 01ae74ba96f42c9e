package io.github.wechatpay4j.transport.okhttp;

import io.github.wechatpay4j.contract.HttpTransportContract;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;

/** The transport contract for OkHttp. Nothing is skipped. */
class OkHttpTransportContractTest extends HttpTransportContract {

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        return new OkHttpTransport(options);
    }
}
