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
        // one pass without streams: the client asks on every request that names a key
        PlatformKey publicKey = null;
        PlatformKey newest = null;
        for (PlatformKey k : keys) {
            if (k.isPublicKey()) {
                if (publicKey == null) {
                    publicKey = k;
                }
            } else if (k.isValidAt(now) && (newest == null || NEWEST.compare(k, newest) > 0)) {
                newest = k;
            }
        }
        PlatformKey first = this == PUBLIC_KEY ? publicKey : newest;
        return Optional.ofNullable(first != null ? first : this == PUBLIC_KEY ? newest : publicKey);
    }

    /** Later {@code notBefore} first, then later {@code notAfter}. */
    private static final Comparator<PlatformKey> NEWEST =
            Comparator.comparing(PlatformKey::notBefore).thenComparing(PlatformKey::notAfter);
}
