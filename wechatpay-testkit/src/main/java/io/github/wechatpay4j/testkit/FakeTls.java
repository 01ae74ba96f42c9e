package io.github.wechatpay4j.testkit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The fake server's TLS side, for APIv2's secured operations: its own certificate for {@code localhost} and
 * {@code 127.0.0.1}, and the merchant's API certificate (商户API证书) over the merchant's key with the merchant's serial,
 * which the TLS port asks for in the handshake and trusts.
 */
final class FakeTls {
    private static final char[] STORE_PASSWORD = "fake-wechatpay".toCharArray();

    private final TestKeys keys;
    private final KeyPair serverKeys;
    private final X509Certificate serverCertificate;
    private final X509Certificate merchantCertificate;

    FakeTls(TestKeys keys, SecureRandom random) {
        this.keys = keys;
        this.serverKeys = TestKeys.rsa(random);
        Instant from = Instant.now().minus(Duration.ofDays(1));
        this.serverCertificate = issue(
                serverKeys,
                "CN=localhost, O=fake WeChat Pay",
                new BigInteger(64, random).add(BigInteger.ONE),
                from,
                true);
        this.merchantCertificate = issue(
                keys.merchantKeys(),
                "CN=" + keys.mchid() + ", OU=wechatpay4j testkit, O=Tenpay.com",
                new BigInteger(keys.merchantSerial(), 16),
                from,
                false);
    }

    private static X509Certificate issue(
            KeyPair subject, String name, BigInteger serial, Instant from, boolean server) {
        try {
            X500Name x500 = new X500Name(name);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    x500,
                    serial,
                    Date.from(from),
                    Date.from(from.plus(Duration.ofDays(5 * 365))),
                    x500,
                    subject.getPublic());
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(subject.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the fake's TLS certificate " + name, e);
        }
    }

    X509Certificate merchantCertificate() {
        return merchantCertificate;
    }

    /** A listening TLS socket on loopback that asks for (but does not require) a client certificate it trusts. */
    SSLServerSocket listen() throws IOException {
        try {
            KeyStore own = store();
            own.setKeyEntry("server", serverKeys.getPrivate(), STORE_PASSWORD, new Certificate[] {serverCertificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, STORE_PASSWORD);
            KeyStore trust = store();
            trust.setCertificateEntry("merchant", merchantCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            SSLServerSocket socket = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 128, InetAddress.getLoopbackAddress());
            socket.setWantClientAuth(true);
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the fake's TLS port", e);
        }
    }

    /** A trust store holding the fake's server certificate. */
    KeyStore trustStore() {
        try {
            KeyStore trust = store();
            trust.setCertificateEntry("fake-wechatpay", serverCertificate);
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts the fake and presents no certificate. */
    SSLContext trustingContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code apiclient_cert.p12} as the merchant platform issues it: key and certificate, password the merchant ID. */
    byte[] merchantPkcs12() {
        try {
            KeyStore p12 = store();
            char[] password = keys.mchid().toCharArray();
            p12.setKeyEntry("Tenpay Certificate", keys.merchantKeys().getPrivate(), password, new Certificate[] {
                merchantCertificate
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p12.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore store() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
