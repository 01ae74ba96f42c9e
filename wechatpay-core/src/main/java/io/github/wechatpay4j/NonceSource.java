package io.github.wechatpay4j;

import io.github.wechatpay4j.internal.Protocol;

import java.util.function.Supplier;

/** The client's nonces (request signatures, upload boundaries, {@code Idempotency-Key}s), each checked. */
final class NonceSource {
    private final Supplier<String> nonces;

    NonceSource(Supplier<String> nonces) {
        this.nonces = nonces;
    }

    /** A fresh nonce: 1 to 32 characters of {@code [0-9A-Za-z]}, or a {@link ConfigurationException}. */
    String next() {
        String nonce = nonces.get();
        if (!Protocol.isValidNonce(nonce)) {
            throw new ConfigurationException("the nonce supplier returned an invalid nonce: WeChat Pay expects 1 to 32"
                    + " characters of [0-9A-Za-z]");
        }
        return nonce;
    }
}
