package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.PlatformKey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a client holds right now, for a health check: no secret, only whether there is one. Taken by
 * {@link WechatPay#status()}; a snapshot, not a view.
 *
 * @param merchantId           the merchant ID
 * @param merchantSerialNumber the merchant certificate serial the client signs with
 * @param privateKeyLoaded     whether the client holds the merchant private key ({@code false} when a custom
 *                             {@code Signer} signs, as with a key in an HSM)
 * @param apiV3KeyLoaded       whether an APIv3 key is configured (notifications, downloaded certificates)
 * @param verificationKeys     the WeChat Pay public keys and platform certificates answers are verified with
 * @param refresh              the platform certificate download, or {@code null} when the client does not download
 *                             certificates
 */
public record ClientStatus(
        String merchantId,
        String merchantSerialNumber,
        boolean privateKeyLoaded,
        boolean apiV3KeyLoaded,
        List<PlatformKey> verificationKeys,
        CertificateRefresh refresh) {

    public ClientStatus {
        verificationKeys = List.copyOf(verificationKeys);
    }

    /** The automatic certificate download, when the client does one. */
    public Optional<CertificateRefresh> certificateRefresh() {
        return Optional.ofNullable(refresh);
    }

    /** Whether some key can verify an answer at {@code now}: a public key, or a certificate within its validity. */
    public boolean canVerifyAt(Instant now) {
        return verificationKeys.stream().anyMatch(k -> k.isValidAt(now));
    }

    /** When the first platform certificate stops being valid; empty when only public keys (which never expire) are held. */
    public Optional<Instant> earliestCertificateExpiry() {
        return verificationKeys.stream()
                .filter(k -> !k.isPublicKey())
                .map(PlatformKey::notAfter)
                .min(Instant::compareTo);
    }

    /**
     * The state of the automatic platform certificate download.
     *
     * @param interval           how often the certificates are downloaded again
     * @param lastSuccess        when a download last succeeded, or {@code null} when none has
     * @param lastFailure        when a download last failed, or {@code null} when none has
     * @param lastFailureMessage why it failed (the SDK's message, no secret), or {@code null}
     */
    public record CertificateRefresh(
            Duration interval, Instant lastSuccess, Instant lastFailure, String lastFailureMessage) {

        /** Whether the last download attempt failed (none succeeded since). */
        public boolean failing() {
            return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
        }
    }
}
