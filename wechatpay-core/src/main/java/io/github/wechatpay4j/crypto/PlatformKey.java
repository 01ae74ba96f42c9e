package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;

import java.security.PublicKey;
import java.time.Instant;

/**
 * One WeChat Pay platform key: a WeChat Pay public key (ID {@code PUB_KEY_ID_…}, never expires) or the public key of
 * a platform certificate (hex serial, valid from {@code notBefore} to {@code notAfter}).
 *
 * @param serial    the certificate serial (upper-case hex, leading zeros kept) or the public key ID, upper-case
 * @param publicKey the public key: RSA, or SM2 for a ShangMi merchant
 * @param notBefore start of validity; {@link Instant#MIN} for a public key
 * @param notAfter  end of validity; {@link Instant#MAX} for a public key
 */
public record PlatformKey(String serial, PublicKey publicKey, Instant notBefore, Instant notAfter) {

    public PlatformKey {
        if (serial == null || serial.isBlank() || publicKey == null || notBefore == null || notAfter == null) {
            throw new ConfigurationException("a platform key needs its serial, public key and validity period");
        }
        serial = Keys.normalizeSerial(serial);
    }

    /** A WeChat Pay public key, which never expires. */
    public static PlatformKey publicKey(String keyId, PublicKey key) {
        return new PlatformKey(keyId, key, Instant.MIN, Instant.MAX);
    }

    /** Whether this is a WeChat Pay public key ({@code PUB_KEY_ID_…}) rather than a platform certificate. */
    public boolean isPublicKey() {
        return serial.startsWith(PlatformKeys.PUBLIC_KEY_ID_PREFIX);
    }

    /** Whether the key may be used at {@code instant}: always for a public key, within validity for a certificate. */
    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }

    @Override
    public String toString() {
        return isPublicKey()
                ? "PlatformKey[" + serial + ", public key]"
                : "PlatformKey[" + serial + ", certificate " + notBefore + " to " + notAfter + "]";
    }
}
