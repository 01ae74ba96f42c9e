package io.github.wechatpay4j.transport.apache;

import io.github.wechatpay4j.contract.HttpTransportContract;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;

/** The transport contract for Apache HttpClient 5 (own clients). Nothing is skipped. */
class ApacheHttpTransportContractTest extends HttpTransportContract {

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        return new ApacheHttpTransport(options);
    }
}
