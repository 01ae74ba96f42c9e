package io.github.wechatpay4j.transport.okhttp;

import io.github.wechatpay4j.ConfigurationException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.KeyStore;

/** OkHttp needs the trust manager next to an SSL socket factory. */
final class Tls {
    private Tls() {}

    /**
     * The JDK's default X.509 trust manager. An {@link SSLContext} does not reveal the trust managers it was
     * initialised with, so a context with custom trust needs your own {@code OkHttpClient} instead.
     */
    static X509TrustManager trustManager(SSLContext context) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
        } catch (Exception e) {
            throw new ConfigurationException(
                    "cannot load the JDK's default trust manager for " + context.getProtocol() + ": " + e.getMessage(),
                    e);
        }
        throw new ConfigurationException("the JDK has no X.509 trust manager; pass your own OkHttpClient");
    }
}
