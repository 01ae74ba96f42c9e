package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.internal.Protocol;

import java.net.URI;
import java.time.Clock;

/**
 * The pipeline's second stage: adds a fresh signature to a prepared request for each attempt (new timestamp and
 * nonce over the same method, path and body bytes), as the {@code Authorization} header of the merchant's scheme.
 */
final class SignStage {
    private final Signer signer;
    private final String mchid;
    private final String merchantSerial;
    private final Clock clock;
    private final NonceSource nonces;

    SignStage(Signer signer, String mchid, String merchantSerial, Clock clock, NonceSource nonces) {
        this.signer = signer;
        this.mchid = mchid;
        this.merchantSerial = merchantSerial;
        this.clock = clock;
        this.nonces = nonces;
    }

    /** {@code call} signed for this attempt, to be sent to {@code base}. */
    HttpRequest sign(Prepared call, String base) {
        return sign(call.verb(), base, call.pathAndQuery(), call.headers().toBuilder(), call.body(), call.signed());
    }

    /**
     * Signs {@code signed} for {@code verb pathAndQuery} and adds {@code Authorization}: the request to send to
     * {@code base}.
     */
    HttpRequest sign(String verb, String base, String pathAndQuery, Headers.Builder headers, byte[] body,
                     byte[] signed) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = nonces.next();
        String signature = signature(Protocol.requestMessage(verb, pathAndQuery, timestamp, nonce, signed));
        Headers built = headers.set("Authorization", Protocol.authorization(signer.algorithm(), mchid, nonce,
                timestamp, merchantSerial, signature)).build();
        return new HttpRequest(verb, URI.create(base + pathAndQuery), built, body);
    }

    /** The merchant signature over {@code message}, checked to be Base64 whatever signer produced it. */
    String signature(byte[] message) {
        String signature;
        try {
            signature = signer.sign(message);
        } catch (WechatPayException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException("the signer " + signer.getClass().getName() + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
        if (signature == null || signature.isEmpty() || !signature.chars().allMatch(SignStage::isBase64Char)) {
            throw new ConfigurationException("the signer " + signer.getClass().getName() + " returned "
                    + (signature == null || signature.isEmpty() ? "no signature" : "a signature that is not Base64"));
        }
        return signature;
    }

    /** The merchant's signer with {@link #signature}'s checks, for what is signed outside a request. */
    Signer checked() {
        return new Signer() {
            @Override
            public String algorithm() {
                return signer.algorithm();
            }

            @Override
            public String sign(byte[] message) {
                return signature(message);
            }
        };
    }

    private static boolean isBase64Char(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=';
    }
}
