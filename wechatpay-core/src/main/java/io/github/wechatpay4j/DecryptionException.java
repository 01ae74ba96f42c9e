package io.github.wechatpay4j;

/**
 * Ciphertext from WeChat Pay could not be decrypted: an AES-256-GCM notification resource or downloaded certificate
 * whose tag does not match (a wrong APIv3 key, or altered ciphertext/nonce/associated data), an unsupported algorithm,
 * or an RSA-OAEP field that was not encrypted to this merchant's key. The message never contains key material or
 * plaintext.
 */
public class DecryptionException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }

    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
