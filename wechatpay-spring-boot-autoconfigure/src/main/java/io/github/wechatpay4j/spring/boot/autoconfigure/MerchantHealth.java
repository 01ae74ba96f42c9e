package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ClientStatus;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.PlatformKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One merchant's health, whichever Spring Boot line reports it: up while some key can verify WeChat Pay's answers,
 * with the details an operator needs (the keys and their expiry, the last certificate download) and no secret.
 *
 * @param up      whether the client can verify answers now
 * @param details what the health endpoint shows
 */
record MerchantHealth(boolean up, Map<String, Object> details) {
    /** A certificate closer than this to its end is reported as a warning (WeChat Pay rotates well before). */
    static final Duration EXPIRY_WARNING = Duration.ofDays(7);

    static MerchantHealth of(WechatPay client, Clock clock) {
        ClientStatus status = client.status();
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("merchantId", status.merchantId());
        details.put("signer", status.privateKeyLoaded() ? "private key" : "custom signer");
        details.put("apiV3Key", status.apiV3KeyLoaded() ? "configured" : "none");
        List<Map<String, Object>> keys =
                status.verificationKeys().stream().map(MerchantHealth::key).toList();
        details.put("verificationKeys", keys);
        status.earliestCertificateExpiry().ifPresent(expiry -> details.put("certificateExpiry", expiry.toString()));
        status.certificateRefresh().ifPresent(refresh -> details.put("certificateRefresh", refresh(refresh)));
        String warning = warning(status, now);
        if (warning != null) {
            details.put("warning", warning);
        }
        boolean up = status.canVerifyAt(now);
        if (!up) {
            details.put(
                    "error",
                    "no key can verify WeChat Pay's answers now: configure the WeChat Pay public key, or renew the"
                            + " platform certificates");
        }
        return new MerchantHealth(up, details);
    }

    private static Map<String, Object> key(PlatformKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", key.serial());
        m.put("type", key.isPublicKey() ? "public key" : "platform certificate");
        if (!key.isPublicKey()) {
            m.put("notAfter", key.notAfter().toString());
        }
        return m;
    }

    private static Map<String, Object> refresh(ClientStatus.CertificateRefresh refresh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interval", refresh.interval().toString());
        m.put(
                "lastSuccess",
                refresh.lastSuccess() == null ? "never" : refresh.lastSuccess().toString());
        if (refresh.lastFailure() != null) {
            m.put("lastFailure", refresh.lastFailure().toString());
            m.put("lastFailureMessage", refresh.lastFailureMessage());
        }
        return m;
    }

    private static String warning(ClientStatus status, Instant now) {
        if (status.certificateRefresh()
                .filter(ClientStatus.CertificateRefresh::failing)
                .isPresent()) {
            return "the last platform certificate download failed; the last good keys are in use";
        }
        return status.earliestCertificateExpiry()
                .filter(expiry -> expiry.isAfter(now) && expiry.isBefore(now.plus(EXPIRY_WARNING)))
                .map(expiry -> "a platform certificate expires at " + expiry)
                .orElse(null);
    }
}
