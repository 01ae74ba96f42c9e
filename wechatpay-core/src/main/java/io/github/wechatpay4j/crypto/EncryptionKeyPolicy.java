package io.github.wechatpay4j.crypto;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which platform key encrypts sensitive request fields (and is then named by the request's {@code Wechatpay-Serial}).
 * WeChat Pay accepts either key while a merchant migrates from platform certificates to a WeChat Pay public key; the
 * header must name the key that was actually used.
 */
public enum EncryptionKeyPolicy {
    /** The WeChat Pay public key ({@code PUB_KEY_ID_…}); the newest valid certificate when no public key is held. */
    PUBLIC_KEY,
    /** The valid platform certificate that became valid last; the public key when no certificate is valid. */
    NEWEST_CERTIFICATE;

    /** The key this policy picks among {@code keys} at {@code now}; empty when none is usable. */
    public Optional<PlatformKey> select(Collection<PlatformKey> keys, Instant now) {
        Optional<PlatformKey> publicKey =
                keys.stream().filter(PlatformKey::isPublicKey).findFirst();
        Optional<PlatformKey> newest = keys.stream()
                .filter(k -> !k.isPublicKey() && k.isValidAt(now))
                .max(Comparator.comparing(PlatformKey::notBefore).thenComparing(PlatformKey::notAfter));
        return this == PUBLIC_KEY ? publicKey.or(() -> newest) : newest.or(() -> publicKey);
    }
}
