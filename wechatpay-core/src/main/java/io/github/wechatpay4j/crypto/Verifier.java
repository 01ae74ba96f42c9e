package io.github.wechatpay4j.crypto;

import java.util.List;
import java.util.Set;

/**
 * The verification port: checks a WeChat Pay signature with the platform key named by {@code Wechatpay-Serial}.
 * {@link PlatformKeys} is the built-in implementation over WeChat Pay public keys and platform certificates.
 * Implementations are per client (never static) and thread-safe.
 */
public interface Verifier {

    /**
     * Verifies {@code signature} (standard Base64) over {@code message} with the key named {@code serial}.
     *
     * @throws io.github.wechatpay4j.SignatureVerificationException with reason {@code UNKNOWN_SERIAL},
     *         {@code EXPIRED_KEY}, {@code MALFORMED_SIGNATURE} or {@code BAD_SIGNATURE}
     */
    void verify(String serial, byte[] message, String signature);

    /** The serial numbers and public key IDs this verifier holds, upper-case. */
    Set<String> serialNumbers();

    /**
     * The keys themselves, for encrypting sensitive fields ({@link EncryptionKeyPolicy} picks one). A verifier that
     * returns none (the default) cannot serve requests with {@link Encrypted} fields.
     */
    default List<PlatformKey> keys() {
        return List.of();
    }
}
