package io.github.wechatpay4j.crypto;

/**
 * A merchant's API private key with the cryptography that goes with it: it signs requests, decrypts the fields WeChat
 * Pay encrypts to the merchant, and names the {@link CryptoSuite} of the WeChat Pay platform keys it works with. An
 * RSA key is given to the client with {@code WechatPay.builder().privateKey(…)}; a ShangMi key
 * ({@code Sm2PrivateKey} of {@code wechatpay-crypto-sm}) with {@code merchantKey(…)}, which makes the whole client
 * speak SM2 (requests, answers, notifications, certificates, sensitive fields). Implement it to keep a key of either
 * kind in an HSM. Implementations must be thread-safe.
 */
public interface MerchantKey {

    /**
     * An RSA merchant key ({@code apiclient_key.pem}): SHA256withRSA signatures, RSA-OAEP decryption, RSA platform
     * keys.
     *
     * @throws io.github.wechatpay4j.ConfigurationException when {@code key} is null, not RSA or cannot sign
     */
    static MerchantKey rsa(java.security.PrivateKey key) {
        return new RsaMerchantKey(key);
    }

    /** Signs requests and front-end payment parameters with this key. */
    Signer signer();

    /**
     * The plaintext of a field WeChat Pay encrypted to this key (Base64 ciphertext).
     *
     * @throws io.github.wechatpay4j.DecryptionException    when it was not encrypted to this key, or was altered
     * @throws io.github.wechatpay4j.ConfigurationException when this key cannot decrypt (a signing-only HSM key)
     */
    String decrypt(String ciphertext);

    /** The cryptography of the platform keys that go with this key. */
    CryptoSuite suite();
}
