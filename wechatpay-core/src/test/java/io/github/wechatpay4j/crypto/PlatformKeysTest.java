package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.Fixtures;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Protocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a signed answer can be wrong ends in a SignatureVerificationException with its reason. */
class PlatformKeysTest {
    private static final String KEY_ID = "PUB_KEY_ID_0119000000012025000000000001";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static KeyPair publicKeyPair;
    private static KeyPair certKeyPair;
    private static X509Certificate certificate;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeAll
    static void keys() {
        publicKeyPair = Fixtures.rsa();
        certKeyPair = Fixtures.rsa();
        certificate = Fixtures.certificate(
                certKeyPair,
                new BigInteger("05AB00000000000000000000000000000000CDEF", 16),
                NOW.minus(Duration.ofDays(10)),
                Duration.ofDays(365));
    }

    private PlatformKeys both() {
        return PlatformKeys.builder()
                .publicKey(KEY_ID, publicKeyPair.getPublic())
                .certificate(certificate)
                .clock(clock)
                .build();
    }

    private static Headers signed(KeyPair keys, String serial, long ts, String nonce, byte[] body) {
        String sig = Fixtures.sign(keys.getPrivate(), Protocol.responseMessage(Long.toString(ts), nonce, body));
        return Headers.of(
                "Wechatpay-Serial",
                serial,
                "Wechatpay-Timestamp",
                Long.toString(ts),
                "Wechatpay-Nonce",
                nonce,
                "Wechatpay-Signature",
                sig);
    }

    private Reason reason(Headers headers, byte[] body, PlatformKeys keys) {
        return assertThrows(
                        SignatureVerificationException.class,
                        () -> Protocol.verify(headers, body, keys, clock, Duration.ofMinutes(5)))
                .reason();
    }

    private final byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private final long ts = NOW.getEpochSecond();

    @Test
    void migrationModeRoutesBySerial() {
        PlatformKeys keys = both();
        Protocol.verify(signed(publicKeyPair, KEY_ID, ts, "n1", body), body, keys, clock, Duration.ofMinutes(5));
        Protocol.verify(
                signed(certKeyPair, "05AB00000000000000000000000000000000CDEF", ts, "n2", body),
                body,
                keys,
                clock,
                Duration.ofMinutes(5));
        // a serial in lower case names the same key (serials compare upper-case)
        Protocol.verify(
                signed(certKeyPair, "05ab00000000000000000000000000000000cdef", ts, "n3", body),
                body,
                keys,
                clock,
                Duration.ofMinutes(5));
        // the right serial with the other key's signature does not verify
        assertEquals(Reason.BAD_SIGNATURE, reason(signed(certKeyPair, KEY_ID, ts, "n4", body), body, keys));
    }

    @Test
    void aZeroStrippedSerialIsUnknown() {
        assertEquals(
                Reason.UNKNOWN_SERIAL,
                reason(signed(certKeyPair, "5AB00000000000000000000000000000000CDEF", ts, "n", body), body, both()));
        assertEquals(Reason.UNKNOWN_SERIAL, reason(signed(certKeyPair, "PUB_KEY_ID_9", ts, "n", body), body, both()));
    }

    @Test
    void timestampWindowIsFiveMinutesBothWays() {
        PlatformKeys keys = both();
        Protocol.verify(signed(publicKeyPair, KEY_ID, ts - 300, "n", body), body, keys, clock, Duration.ofMinutes(5));
        Protocol.verify(signed(publicKeyPair, KEY_ID, ts + 300, "n", body), body, keys, clock, Duration.ofMinutes(5));
        assertEquals(Reason.STALE_TIMESTAMP, reason(signed(publicKeyPair, KEY_ID, ts - 301, "n", body), body, keys));
        assertEquals(Reason.STALE_TIMESTAMP, reason(signed(publicKeyPair, KEY_ID, ts + 301, "n", body), body, keys));
    }

    @Test
    void malformedTimestamps() {
        Headers good = signed(publicKeyPair, KEY_ID, ts, "n", body);
        for (String bad : new String[] {"abc", "-1700000000", "1700000000.5", "1700 000000", "99999999999999999999"}) {
            assertEquals(Reason.MALFORMED_TIMESTAMP, reason(good.with("Wechatpay-Timestamp", bad), body, both()), bad);
        }
        assertEquals(Reason.MISSING_HEADER, reason(good.with("Wechatpay-Timestamp", ""), body, both()));
    }

    @Test
    void missingAndConflictingHeaders() {
        Headers good = signed(publicKeyPair, KEY_ID, ts, "n", body);
        for (String h :
                new String[] {"Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce"}) {
            assertEquals(Reason.MISSING_HEADER, reason(good.without(h), body, both()), h);
            Headers twice = good.toBuilder().add(h, "other").build();
            assertEquals(Reason.CONFLICTING_HEADERS, reason(twice, body, both()), h);
        }
        // the same value twice is not a conflict
        Headers repeated = good.toBuilder().add("Wechatpay-Nonce", "n").build();
        Protocol.verify(repeated, body, both(), clock, Duration.ofMinutes(5));
    }

    @Test
    void probeSignaturesFail() {
        Headers good = signed(publicKeyPair, KEY_ID, ts, "n", body);
        String probe = "WECHATPAY/SIGNTEST/" + good.first("Wechatpay-Signature").orElseThrow();
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> Protocol.verify(
                        good.with("Wechatpay-Signature", probe), body, both(), clock, Duration.ofMinutes(5)));
        assertEquals(Reason.PROBE_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("probe"));
    }

    @Test
    void malformedBase64Signatures() {
        Headers good = signed(publicKeyPair, KEY_ID, ts, "n", body);
        String sig = good.first("Wechatpay-Signature").orElseThrow();
        assertEquals(
                Reason.MALFORMED_SIGNATURE,
                reason(good.with("Wechatpay-Signature", sig.replace("=", "")), body, both()),
                "unpadded");
        assertEquals(
                Reason.MALFORMED_SIGNATURE,
                reason(good.with("Wechatpay-Signature", "!!!!" + sig.substring(4)), body, both()));
        assertEquals(
                Reason.BAD_SIGNATURE,
                reason(good.with("Wechatpay-Signature", sig.substring(0, 100)), body, both()),
                "truncated but well-formed");
    }

    @Test
    void unsupportedSignatureType() {
        Headers sm2 = signed(publicKeyPair, KEY_ID, ts, "n", body)
                .with("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3");
        assertEquals(Reason.UNSUPPORTED_ALGORITHM, reason(sm2, body, both()));
    }

    @Test
    void expiredAndNotYetValidCertificates() {
        X509Certificate expired = Fixtures.certificate(
                certKeyPair, BigInteger.valueOf(0x0777), NOW.minus(Duration.ofDays(400)), Duration.ofDays(365));
        PlatformKeys keys =
                PlatformKeys.builder().certificate(expired).clock(clock).build();
        assertEquals(Reason.EXPIRED_KEY, reason(signed(certKeyPair, "0777", ts, "n", body), body, keys));
        X509Certificate future = Fixtures.certificate(
                certKeyPair, BigInteger.valueOf(0x0888), NOW.plus(Duration.ofDays(1)), Duration.ofDays(365));
        PlatformKeys later =
                PlatformKeys.builder().certificate(future).clock(clock).build();
        assertEquals(Reason.EXPIRED_KEY, reason(signed(certKeyPair, "0888", ts, "n", body), body, later));
    }

    @Test
    void signed204WithEmptyBodyVerifies() {
        byte[] empty = new byte[0];
        Protocol.verify(signed(publicKeyPair, KEY_ID, ts, "n", empty), empty, both(), clock, Duration.ofMinutes(5));
    }

    @Test
    void builderRefusesBadConfiguration() {
        assertThrows(ConfigurationException.class, () -> PlatformKeys.builder().build());
        assertThrows(
                ConfigurationException.class,
                () -> PlatformKeys.builder().publicKey("0119000000012025", publicKeyPair.getPublic()));
        assertThrows(
                ConfigurationException.class,
                () -> PlatformKeys.builder().publicKey("PUB_KEY_ID_", publicKeyPair.getPublic()));
        assertThrows(
                ConfigurationException.class,
                () -> PlatformKeys.builder().publicKey(KEY_ID, Fixtures.ec().getPublic()));
        assertThrows(
                ConfigurationException.class,
                () -> PlatformKeys.builder()
                        .publicKey(KEY_ID, publicKeyPair.getPublic())
                        .publicKey(KEY_ID, certKeyPair.getPublic()));
        assertThrows(ConfigurationException.class, () -> PlatformKeys.builder().certificate(null));
    }
}
