package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.contract.TlsHttpServer;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merchant's client certificate, loaded as WeChat Pay issues it (a PKCS#12 file whose password is the merchant
 * ID, or PEM certificate and key), presented over real TLS to a server that requires it.
 */
class ClientCertificateTest {
    private static final String MCHID = "1900000109";
    private final KeyPair serverKeys = rsa();
    private final X509Certificate serverCert = certificate(serverKeys, "localhost", true);
    private final KeyPair clientKeys = rsa();
    private final X509Certificate clientCert = certificate(clientKeys, MCHID, false);

    // core's Fixtures cannot be used here: its package belongs to core's named module, which this module's tests read
    private static KeyPair rsa() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate, a day long; for a server, also for localhost and 127.0.0.1. */
    private static X509Certificate certificate(KeyPair keys, String cn, boolean server) {
        try {
            org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=" + cn);
            Instant now = Instant.now().minusSeconds(60);
            org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder b =
                    new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(now.toEpochMilli()),
                            java.util.Date.from(now),
                            java.util.Date.from(now.plus(Duration.ofDays(1))),
                            name,
                            keys.getPublic());
            if (server) {
                b.addExtension(
                        org.bouncycastle.asn1.x509.Extension.subjectAlternativeName,
                        false,
                        new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName[] {
                            new org.bouncycastle.asn1.x509.GeneralName(
                                    org.bouncycastle.asn1.x509.GeneralName.dNSName, "localhost"),
                            new org.bouncycastle.asn1.x509.GeneralName(
                                    org.bouncycastle.asn1.x509.GeneralName.iPAddress, "127.0.0.1")
                        }));
            }
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(
                            b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                    .build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    private KeyStore trustingTheServer() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverCert);
        return trust;
    }

    private byte[] p12(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "Tenpay Certificate", clientKeys.getPrivate(), password.toCharArray(), new Certificate[] {clientCert});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    private String presented(SSLContext context, TlsHttpServer server) throws Exception {
        HttpTransport transport = new JdkHttpTransport(TransportOptions.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withSslContext(context));
        try (transport) {
            HttpResponse answer = transport.send(new HttpRequest(
                    "POST",
                    URI.create("https://localhost:" + server.port() + "/secapi/pay/refund"),
                    Headers.empty(),
                    "<xml/>".getBytes(StandardCharsets.UTF_8)));
            assertEquals(200, answer.statusCode());
            return new String(answer.body(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePkcs12FileWithTheMerchantIdAsPasswordIsPresented() throws Exception {
        try (TlsHttpServer server = new TlsHttpServer(serverKeys, serverCert, clientCert)) {
            SSLContext context = ClientCertificate.fromPkcs12(p12(MCHID), MCHID, trustingTheServer());
            assertEquals(clientCert.getSubjectX500Principal().getName(), presented(context, server));
        }
    }

    @Test
    void pemCertificateAndKeyArePresented() throws Exception {
        try (TlsHttpServer server = new TlsHttpServer(serverKeys, serverCert, clientCert)) {
            SSLContext context = ClientCertificate.fromPem(
                    pem("CERTIFICATE", clientCert.getEncoded()),
                    pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()),
                    trustingTheServer());
            assertEquals(clientCert.getSubjectX500Principal().getName(), presented(context, server));
        }
    }

    @Test
    void aWrongPasswordOrABrokenPemIsAConfigurationErrorThatSaysWhat() throws Exception {
        ConfigurationException wrong = assertThrows(
                ConfigurationException.class, () -> ClientCertificate.fromPkcs12(p12(MCHID), "1900000000", null));
        assertTrue(wrong.getMessage().contains("merchant ID"), wrong.getMessage());
        ConfigurationException broken = assertThrows(
                ConfigurationException.class,
                () -> ClientCertificate.fromPem(
                        pem("CERTIFICATE", clientCert.getEncoded()),
                        "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----",
                        null));
        assertFalse(broken.getMessage().contains("not base64!"), broken.getMessage());
    }
}
