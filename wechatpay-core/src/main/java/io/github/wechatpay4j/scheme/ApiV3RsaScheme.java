package io.github.wechatpay4j.scheme;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.crypto.ApiV3Key;
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
 * WeChat Pay APIv3 with RSA: requests signed SHA256withRSA under {@code WECHATPAY2-SHA256-RSA2048}, answers and
 * notifications verified through the {@code Wechatpay-*} headers with a WeChat Pay public key or platform
 * certificate, notification resources decrypted {@code AEAD_AES_256_GCM} with the APIv3 key.
 */
public final class ApiV3RsaScheme implements Scheme {
    /** The signature type WeChat Pay names in {@code Wechatpay-Signature-Type} for this scheme. */
    public static final String NAME = Protocol.SCHEMA_PREFIX + "SHA256-RSA2048";

    private static final List<String> SIGNATURE_HEADERS = List.of(
            Protocol.HEADER_SERIAL,
            Protocol.HEADER_SIGNATURE,
            Protocol.HEADER_TIMESTAMP,
            Protocol.HEADER_NONCE,
            Protocol.HEADER_SIGNATURE_TYPE);

    private final Parts parts;

    /** The scheme over a client's parts (a verification-only scheme may have no signer). */
    public ApiV3RsaScheme(Parts parts) {
        if (parts == null || parts.verifier() == null || parts.clock() == null) {
            throw new ConfigurationException(
                    "the APIv3 RSA scheme needs at least the WeChat Pay verification keys" + " and a clock");
        }
        this.parts = parts;
    }

    /**
     * A scheme that only verifies and decrypts (for notifications received where nothing is sent): signing with it
     * is a {@link ConfigurationException}.
     */
    public static ApiV3RsaScheme verifying(io.github.wechatpay4j.crypto.Verifier verifier, ApiV3Key apiV3Key) {
        return new ApiV3RsaScheme(new Parts(null, null, null, verifier, apiV3Key, Clock.systemUTC(), null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HttpRequest sign(HttpRequest request, byte[] signed) {
        if (parts.signer() == null || parts.nonces() == null) {
            throw new ConfigurationException(
                    "this scheme only verifies: build a client with the merchant key to" + " sign requests");
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
        Protocol.verify(headers, signed, parts.verifier(), Clock.fixed(now, ZoneOffset.UTC), window);
    }

    @Override
    public byte[] decrypt(String algorithm, String associatedData, String nonce, String ciphertext) {
        if (!ApiV3Key.ALGORITHM.equals(algorithm)) {
            throw new DecryptionException("the resource is encrypted with '" + algorithm + "'; the " + NAME
                    + " scheme decrypts " + ApiV3Key.ALGORITHM + " only");
        }
        if (parts.apiV3Key() == null) {
            throw new ConfigurationException("notifications are encrypted with the APIv3 key: configure it with"
                    + " WechatPay.builder().apiV3Key(\"…32 characters…\")");
        }
        return parts.apiV3Key().decrypt(associatedData, nonce, ciphertext);
    }

    @Override
    public String toString() {
        return "ApiV3RsaScheme[" + (parts.merchantId() == null ? "verifying" : "mchid=" + parts.merchantId()) + "]";
    }
}
