package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.ResourceCipher;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.json.JsonCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the answer of {@code GET /v3/certificates} into platform keys: its JSON, each entry decrypted with the cipher
 * of the APIv3 key, read as X.509 by the client's crypto suite and checked against the serial it claims; expired certificates are skipped, and an answer with
 * none valid now is rejected. Its signature is the {@link CertificateStore}'s to check.
 */
final class CertificateAnswer {

    private CertificateAnswer() {}

    /** The certificates in {@code response} still valid at {@code now}, at least one of them valid now. */
    static List<PlatformKey> read(
            HttpResponse response,
            JsonCodec codec,
            CryptoSuite suite,
            ResourceCipher cipher,
            Instant now,
            String mchid) {
        Map<String, Object> body;
        try {
            body = codec.read(response.body(), JsonTypes.MAP);
        } catch (RuntimeException e) {
            throw rejected("the answer is not JSON", response, e);
        }
        if (!(body != null && body.get("data") instanceof List<?> data) || data.isEmpty()) {
            throw rejected("the answer has no \"data\" list of certificates", response, null);
        }
        List<PlatformKey> downloaded = new ArrayList<>();
        for (Object item : data) {
            if (!(item instanceof Map<?, ?> entry && entry.get("encrypt_certificate") instanceof Map<?, ?> enc)) {
                throw rejected("an entry has no \"encrypt_certificate\"", response, null);
            }
            String claimed = text(entry.get("serial_no"));
            if (claimed == null || claimed.isBlank()) {
                throw rejected("an entry has no \"serial_no\"", response, null);
            }
            String algorithm = text(enc.get("algorithm"));
            if (!cipher.algorithm().equals(algorithm)) {
                throw new DecryptionException("platform certificate " + claimed + " is encrypted with '" + algorithm
                        + "'; this client's " + suite.name() + " keys come encrypted with " + cipher.algorithm()
                        + " only"
                        + (suite.name().equals("RSA") ? " (ShangMi certificates need wechatpay-crypto-sm)" : ""));
            }
            String pem;
            try {
                pem = cipher.decryptToString(
                        text(enc.get("associated_data")), text(enc.get("nonce")), text(enc.get("ciphertext")));
            } catch (DecryptionException e) {
                throw new DecryptionException(
                        "platform certificate " + claimed + " from GET /v3/certificates could"
                                + " not be decrypted with the configured APIv3 key; the current keys are kept. "
                                + e.getMessage(),
                        e);
            }
            List<PlatformKey> read;
            try {
                read = suite.certificates(pem);
            } catch (ConfigurationException e) {
                throw rejected(
                        "certificate " + claimed + " is not an " + suite.name() + " X.509 certificate", response, e);
            }
            if (read.size() != 1) {
                throw rejected("entry " + claimed + " holds " + read.size() + " certificates, not one", response, null);
            }
            PlatformKey key = read.get(0);
            String actual = key.serial();
            if (!actual.equals(Keys.normalizeSerial(claimed))) {
                throw rejected(
                        "serial_no says " + claimed + " but the certificate's serial is " + actual, response, null);
            }
            if (now.isAfter(key.notAfter())) {
                Logs.CERTIFICATES.log(
                        System.Logger.Level.INFO,
                        "merchant " + mchid + ": skipping expired platform certificate " + actual + " (expired "
                                + key.notAfter() + ")");
                continue;
            }
            downloaded.add(key);
        }
        if (downloaded.stream().noneMatch(k -> k.isValidAt(now))) {
            throw rejected("no certificate in it is valid now (" + now + ")", response, null);
        }
        return downloaded;
    }

    static MalformedResponseException rejected(String why, HttpResponse response, Throwable cause) {
        return new MalformedResponseException(
                "the platform certificate download (GET /v3/certificates) is rejected"
                        + " and the current keys are kept: " + why,
                response.statusCode(),
                response.requestId().orElse(null),
                cause);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
