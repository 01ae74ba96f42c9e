package io.github.wechatpay4j.crypto;

import java.security.PrivateKey;

/** A merchant RSA private key held in this JVM: {@link RsaSigner} and RSA-OAEP decryption. */
final class RsaMerchantKey implements MerchantKey {
    private final PrivateKey key;
    private final RsaSigner signer;

    RsaMerchantKey(PrivateKey key) {
        this.signer = new RsaSigner(key); // checks the key first
        this.key = key;
    }

    @Override
    public Signer signer() {
        return signer;
    }

    @Override
    public String decrypt(String ciphertext) {
        return RsaOaep.decrypt(key, ciphertext);
    }

    @Override
    public CryptoSuite suite() {
        return CryptoSuite.rsa();
    }

    @Override
    public String toString() {
        return "MerchantKey[RSA, hidden]";
    }
}
