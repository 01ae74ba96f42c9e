package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.Keys;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;

/**
 * The merchant's API client certificate (商户API证书), which APIv2's {@code secapi} operations (refunds, reversals, red
 * packets, transfers) require in the TLS handshake, as a TLS context for a transport
 * ({@code TransportOptions.withSslContext}). Loaded from {@code apiclient_cert.p12} (its password is the merchant ID)
 * or from {@code apiclient_cert.pem} with {@code apiclient_key.pem}. WeChat Pay's server is trusted as the JDK trusts
 * it, unless a trust store is given (tests).
 */
public final class ClientCertificate {
    private ClientCertificate() {}

    /**
     * From the PKCS#12 file the merchant platform issues.
     *
     * @param password the file's password: the merchant ID, as WeChat Pay issues it
     * @throws ConfigurationException when the file cannot be read with that password or holds no key
     */
    public static SSLContext fromPkcs12(byte[] p12, String password, KeyStore trust) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(p12), secret);
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new ConfigurationException("the PKCS#12 file holds no private key: it is not apiclient_cert.p12");
            }
            return context(store, secret, trust);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(
                    "apiclient_cert.p12 cannot be read (" + e.getClass().getSimpleName()
                            + "): the password is the merchant ID, and the file is the one the merchant platform issued",
                    e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * From {@code apiclient_cert.pem} and {@code apiclient_key.pem}.
     *
     * @throws ConfigurationException when either PEM is broken (the message never shows the key)
     */
    public static SSLContext fromPem(String certificatePem, String privateKeyPem, KeyStore trust) {
        X509Certificate certificate = Keys.certificateFromPem(certificatePem);
        PrivateKey key = Keys.privateKeyFromPem(privateKeyPem);
        char[] secret = "client-certificate".toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("apiclient", key, secret, new Certificate[] {certificate});
            return context(store, secret, trust);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(
                    "the client certificate and key cannot be used for TLS ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static SSLContext context(KeyStore keys, char[] secret, KeyStore trust) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, secret);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust); // null: the JDK's own trust store, which trusts WeChat Pay's server
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
