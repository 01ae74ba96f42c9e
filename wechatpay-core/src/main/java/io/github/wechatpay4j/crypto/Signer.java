package io.github.wechatpay4j.crypto;

/**
 * The signing port: signs the request message with the merchant's private key. Implement it to keep the key in an
 * HSM or KMS; the built-in {@link RsaSigner} holds a {@link java.security.PrivateKey}. Implementations must be
 * thread-safe.
 */
public interface Signer {

    /**
     * The algorithm part of the {@code Authorization} scheme: {@code SHA256-RSA2048} gives
     * {@code WECHATPAY2-SHA256-RSA2048}.
     */
    String algorithm();

    /**
     * Signs {@code message} and returns the signature in standard Base64 with padding.
     *
     * @throws io.github.wechatpay4j.WechatPayException when the signature cannot be made
     */
    String sign(byte[] message);
}
