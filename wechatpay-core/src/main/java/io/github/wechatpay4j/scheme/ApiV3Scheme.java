package io.github.wechatpay4j.scheme;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.ResourceCipher;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.internal.Protocol;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * WeChat Pay APIv3 over the client's {@link CryptoSuite}: requests signed under {@code WECHATPAY2-} plus the suite's
 * signature algorithm ({@code WECHATPAY2-SHA256-RSA2048}, or ShangMi's {@code WECHATPAY2-SM2-WITH-SM3}), answers and
 * notifications verified through the {@code Wechatpay-*} headers with the platform keys, notification resources
 * decrypted with the suite's cipher of the APIv3 key ({@code AEAD_AES_256_GCM}, or {@code AEAD_SM4_GCM}).
 */
public final class ApiV3Scheme implements Scheme {

    private static final List<String> SIGNATURE_HEADERS = List.of(
            Protocol.HEADER_SERIAL,
            Protocol.HEADER_SIGNATURE,
            Protocol.HEADER_TIMESTAMP,
            Protocol.HEADER_NONCE,
            Protocol.HEADER_SIGNATURE_TYPE);

    private final Parts parts;
    private final String name;
    private final ResourceCipher cipher; // null without an APIv3 key

    /**
     * The scheme over a client's parts (a verification-only scheme may have no signer).
     *
     * @throws ConfigurationException when the signer's algorithm is not the suite's (an RSA key with SM2 platform
     *                                keys, or the reverse)
     */
    public ApiV3Scheme(Parts parts) {
        if (parts == null || parts.verifier() == null || parts.clock() == null || parts.suite() == null) {
            throw new ConfigurationException(
                    "the APIv3 scheme needs at least the WeChat Pay verification keys, a crypto suite and a clock");
        }
        CryptoSuite suite = parts.suite();
        if (parts.signer() != null
                && !suite.signatureAlgorithm().equals(parts.signer().algorithm())) {
            throw new ConfigurationException("the merchant signer signs "
                    + parts.signer().algorithm() + " but the"
                    + " client's platform keys are " + suite.name() + " (" + suite.signatureAlgorithm() + "): give a "
                    + suite.name() + " merchant key, with merchantKey(…) for ShangMi or privateKey(…) for RSA");
        }
        this.parts = parts;
        this.name = Protocol.SCHEMA_PREFIX + suite.signatureAlgorithm();
        this.cipher = parts.apiV3Key() == null ? null : suite.resourceCipher(parts.apiV3Key());
    }

    /**
     * A scheme that only verifies and decrypts (for notifications received where nothing is sent): signing with it
     * is a {@link ConfigurationException}.
     */
    public static ApiV3Scheme verifying(Verifier verifier, ApiV3Key apiV3Key, CryptoSuite suite) {
        return new ApiV3Scheme(new Parts(null, null, null, verifier, apiV3Key, Clock.systemUTC(), null, suite));
    }

    /** {@link #verifying(Verifier, ApiV3Key, CryptoSuite)} with RSA keys. */
    public static ApiV3Scheme verifying(Verifier verifier, ApiV3Key apiV3Key) {
        return verifying(verifier, apiV3Key, CryptoSuite.rsa());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HttpRequest sign(HttpRequest request, byte[] signed) {
        if (parts.signer() == null || parts.nonces() == null) {
            throw new ConfigurationException(
                    "this scheme only verifies: build a client with the merchant key to sign requests");
        }
        URI uri = request.uri();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timestamp = parts.clock().instant().getEpochSecond();
        String nonce = parts.nonces().get();
        String signature =
                parts.signer().sign(Protocol.requestMessage(request.method(), pathAndQuery, timestamp, nonce, signed));
        Headers headers = request.headers().toBuilder()
                .set(
                        "Authorization",
                        Protocol.authorization(
                                parts.signer().algorithm(),
                                parts.merchantId(),
                                nonce,
                                timestamp,
                                parts.merchantSerial(),
                                signature))
                .build();
        return new HttpRequest(request.method(), uri, headers, request.body());
    }

    @Override
    public boolean isSigned(Headers headers) {
        return Protocol.hasSignatureHeaders(headers);
    }

    @Override
    public List<String> signatureHeaders() {
        return SIGNATURE_HEADERS;
    }

    @Override
    public void verify(Headers headers, byte[] signed, Instant now, Duration window) {
        Protocol.verify(headers, signed, parts.verifier(), Clock.fixed(now, ZoneOffset.UTC), window, name);
    }

    @Override
    public byte[] decrypt(String algorithm, String associatedData, String nonce, String ciphertext) {
        if (cipher == null) {
            throw new ConfigurationException("notifications are encrypted with the APIv3 key: configure it with"
                    + " WechatPay.builder().apiV3Key(\"…32 characters…\")");
        }
        if (!cipher.algorithm().equals(algorithm)) {
            throw new DecryptionException("the resource is encrypted with '" + algorithm + "'; the " + name
                    + " scheme decrypts " + cipher.algorithm() + " only");
        }
        return cipher.decrypt(associatedData, nonce, ciphertext);
    }

    @Override
    public String toString() {
        return "ApiV3Scheme[" + name + ", " + (parts.merchantId() == null ? "verifying" : "mchid=" + parts.merchantId())
                + "]";
    }
}
