package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ClientStatus;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.ResourceCipher;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.json.JsonCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Platform certificates downloaded from {@code GET /v3/certificates}, kept current for one client: the configured keys
 * (public keys, certificates given by the user) plus the last good download, swapped atomically.
 *
 * <p>A download is accepted only when every certificate decrypts with the APIv3 key, parses as X.509, has the serial
 * its {@code serial_no} claims and has not expired, and the answer's own signature verifies with the old keys plus the
 * downloaded ones. Anything else is rejected as a whole and the current set stays. Refreshes run on a jittered
 * schedule and, at most once per rate-limit interval, when a response names a certificate serial the store does not
 * hold. All state is per instance; the lock only serialises downloads, never verification of known serials.
 */
public final class CertificateStore implements Verifier, AutoCloseable {
    /** Fetches the signed 2xx answer of {@code GET /v3/certificates}; maps everything else to a typed exception. */
    @FunctionalInterface
    public interface Download {
        HttpResponse fetch();
    }

    private final String mchid;
    private final PlatformKeys configured;
    private final CryptoSuite suite;
    private final ResourceCipher cipher;
    private final JsonCodec codec;
    private final Clock clock;
    private final Duration window;
    private final Download download;
    private final Duration interval;
    private final Duration onDemandLimit;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final AtomicReference<PlatformKeys> current;
    private final Object lock = new Object();
    private Instant lastOnDemand; // guarded by lock
    private ScheduledFuture<?> next; // guarded by lock
    private volatile boolean closed;
    private final AtomicBoolean voidedNoticed = new AtomicBoolean();
    private volatile ClientStatus.CertificateRefresh refreshState;

    public CertificateStore(
            String mchid,
            List<PlatformKey> configured,
            CryptoSuite suite,
            ResourceCipher cipher,
            JsonCodec codec,
            Clock clock,
            Duration window,
            Download download,
            Duration interval,
            Duration onDemandLimit,
            ScheduledExecutorService scheduler) {
        this.mchid = mchid;
        this.suite = suite;
        this.cipher = cipher;
        this.codec = codec;
        this.clock = clock;
        this.configured =
                configured.isEmpty() ? null : newKeys().keys(configured).build();
        this.window = window;
        this.download = download;
        this.interval = interval;
        this.onDemandLimit = onDemandLimit;
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : Pools.refreshScheduler(mchid);
        this.current = new AtomicReference<>(this.configured);
        this.refreshState = new ClientStatus.CertificateRefresh(interval, null, null, null);
    }

    /**
     * The first download, then the schedule. Without configured keys a failed first download is fatal (nothing could
     * be verified); with them it is logged and the configured keys serve until a refresh succeeds.
     */
    public void start() {
        try {
            refresh();
        } catch (NoPlatformCertificatesException e) {
            if (!hasPublicKey()) {
                close();
                throw e;
            }
            certificatesVoided();
            return; // nothing to refresh: the public key verifies everything
        } catch (WechatPayException e) {
            if (configured == null
                    && e instanceof ServiceException s
                    && s.code().filter("SYSTEM_ERROR"::equals).isPresent()) {
                close();
                throw new ConfigurationException(
                        "GET /v3/certificates answered " + s.statusCode() + " SYSTEM_ERROR"
                                + " while building the client for merchant " + mchid
                                + ". For a merchant onboarded since late"
                                + " 2024 this usually means it has no platform certificates at all: configure"
                                + " wechatpayPublicKey(\"PUB_KEY_ID_…\", Path.of(\"pub_key.pem\")) from the merchant platform"
                                + " (API安全 → 微信支付公钥). If the merchant does have certificates, try again later",
                        e);
            }
            if (configured == null || e instanceof ConfigurationException) {
                close();
                throw e;
            }
            Logs.CERTIFICATES.log(
                    System.Logger.Level.WARNING,
                    "merchant " + mchid + ": the first platform certificate download"
                            + " failed, verifying with the configured keys " + configured.serialNumbers() + " until a"
                            + " refresh succeeds: " + e.getMessage());
        }
        scheduleNext();
    }

    /**
     * Downloads now and swaps in the result.
     *
     * @return the serials held afterwards
     * @throws WechatPayException (typed) when the download is refused; the current set is kept
     */
    public Set<String> refresh() {
        synchronized (lock) {
            PlatformKeys next;
            ClientStatus.CertificateRefresh state = refreshState;
            try {
                next = download();
            } catch (RuntimeException e) {
                refreshState = new ClientStatus.CertificateRefresh(
                        interval, state.lastSuccess(), clock.instant(), e.getMessage());
                throw e;
            }
            refreshState = new ClientStatus.CertificateRefresh(
                    interval, clock.instant(), state.lastFailure(), state.lastFailureMessage());
            current.set(next);
            Logs.CERTIFICATES.log(
                    System.Logger.Level.DEBUG,
                    () -> "merchant " + mchid + ": platform keys now " + next.serialNumbers());
            return next.serialNumbers();
        }
    }

    private PlatformKeys download() {
        HttpResponse response = download.fetch();
        Instant now = clock.instant();
        String requestId = response.requestId().orElse(null);
        PlatformKeys old = current.get();
        String signedBy = response.headers().first(Protocol.HEADER_SERIAL).orElse("");
        if (old != null && old.key(signedBy).isPresent()) {
            // signed by a key we already trust: check that before decrypting anything
            verifyDownload(response, old, requestId);
        }
        List<PlatformKey> downloaded = CertificateAnswer.read(response, codec, suite, cipher, now, mchid);
        PlatformKeys.Builder union = newKeys();
        try {
            if (old != null) {
                union.keys(old.keys());
            }
            union.keys(downloaded);
        } catch (ConfigurationException e) {
            throw CertificateAnswer.rejected("it reuses a known serial for a different key", response, e);
        }
        verifyDownload(response, union.build(), requestId);
        PlatformKeys.Builder next = newKeys();
        if (configured != null) {
            next.keys(configured.keys());
        }
        try {
            next.keys(downloaded);
        } catch (ConfigurationException e) {
            throw CertificateAnswer.rejected("a downloaded serial is configured with a different key", response, e);
        }
        return next.build();
    }

    private PlatformKeys.Builder newKeys() {
        return PlatformKeys.builder().suite(suite).clock(clock);
    }

    /** The {@code algorithm_type} the certificates are downloaded with: {@code RSA} or {@code SM2}. */
    public String algorithmType() {
        return suite.name();
    }

    private void verifyDownload(HttpResponse response, PlatformKeys keys, String requestId) {
        try {
            Protocol.verify(
                    response.headers(),
                    response.body(),
                    keys,
                    clock,
                    window,
                    Protocol.SCHEMA_PREFIX + suite.signatureAlgorithm());
        } catch (SignatureVerificationException e) {
            throw new SignatureVerificationException(
                    e.reason(),
                    "the platform certificate download is not signed"
                            + " by a known or downloaded platform key, so it is rejected and the current keys are kept: "
                            + e.getMessage() + (requestId != null ? " [Request-ID " + requestId + "]" : ""),
                    e);
        }
    }

    @Override
    public void verify(String serial, byte[] message, String signature) {
        PlatformKeys keys = current.get();
        String wanted = serial == null || serial.isBlank() ? null : Keys.normalizeSerial(serial);
        if (wanted != null
                && (keys == null || !keys.serialNumbers().contains(wanted))
                && !wanted.startsWith(PlatformKeys.PUBLIC_KEY_ID_PREFIX)) {
            refreshForUnknown(wanted); // a certificate serial we do not hold: WeChat Pay may have rotated
            keys = current.get();
        }
        if (keys == null) {
            throw new SignatureVerificationException(
                    SignatureVerificationException.Reason.UNKNOWN_SERIAL,
                    "no platform certificate has been downloaded yet for merchant " + mchid);
        }
        keys.verify(serial, message, signature);
    }

    /**
     * One download for a serial (normalised) nobody knows, at most once per {@code onDemandLimit}; callers queue on
     * the lock and find the serial when the first one's download brought it.
     */
    private void refreshForUnknown(String serial) {
        synchronized (lock) {
            PlatformKeys keys = current.get();
            if (keys != null && keys.serialNumbers().contains(serial)) {
                return; // another caller's download brought it
            }
            Instant now = clock.instant();
            if (lastOnDemand != null && now.isBefore(lastOnDemand.plus(onDemandLimit))) {
                Logs.CERTIFICATES.log(
                        System.Logger.Level.DEBUG,
                        () -> "merchant " + mchid + ": serial " + serial
                                + " unknown, last on-demand certificate download was at " + lastOnDemand);
                return;
            }
            lastOnDemand = now;
            try {
                refresh();
                Logs.CERTIFICATES.log(
                        System.Logger.Level.INFO,
                        "merchant " + mchid + ": downloaded platform certificates for" + " unknown serial " + serial
                                + "; now holding " + current.get().serialNumbers());
            } catch (RuntimeException e) {
                Logs.CERTIFICATES.log(
                        System.Logger.Level.WARNING,
                        "merchant " + mchid + ": platform certificate download for"
                                + " unknown serial " + serial + " failed, keeping "
                                + (keys == null ? "no keys" : keys.serialNumbers()) + ": " + e.getMessage());
            }
        }
    }

    private boolean hasPublicKey() {
        return configured != null && configured.keys().stream().anyMatch(PlatformKey::isPublicKey);
    }

    /** Said once: with the certificates voided, the configured public key carries on alone. */
    private void certificatesVoided() {
        if (voidedNoticed.compareAndSet(false, true)) {
            Logs.CERTIFICATES.log(
                    System.Logger.Level.INFO,
                    "merchant " + mchid + ": WeChat Pay has no platform certificates (GET"
                            + " /v3/certificates answered RESOURCE_NOT_EXISTS; voided after the migration to the public key);"
                            + " verifying with the public key " + configured.serialNumbers()
                            + " and no longer downloading"
                            + " certificates. Remove autoCertificates() to skip the download");
        }
    }

    private void scheduledRefresh() {
        if (closed) {
            return;
        }
        try {
            refresh();
        } catch (NoPlatformCertificatesException e) {
            if (hasPublicKey()) {
                certificatesVoided();
                return; // no further refreshes: the certificates are gone for good
            }
            Logs.CERTIFICATES.log(
                    System.Logger.Level.WARNING,
                    "merchant " + mchid + ": scheduled platform certificate refresh" + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            PlatformKeys keys = current.get();
            Logs.CERTIFICATES.log(
                    System.Logger.Level.WARNING,
                    "merchant " + mchid + ": scheduled platform certificate refresh"
                            + " failed, keeping the last good keys " + (keys == null ? "[]" : keys.serialNumbers())
                            + ": "
                            + e.getMessage());
        } finally {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        long base = interval.toMillis();
        long jitter = base / 10;
        long delay = base - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                next = scheduler.schedule(this::scheduledRefresh, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                Logs.CERTIFICATES.log(
                        System.Logger.Level.WARNING,
                        "merchant " + mchid + ": the certificate refresh scheduler"
                                + " refused the next refresh (shut down?); certificates will refresh on unknown serials only");
            }
        }
    }

    /** The state of the downloads: when one last succeeded and last failed. */
    public ClientStatus.CertificateRefresh refreshState() {
        return refreshState;
    }

    @Override
    public Set<String> serialNumbers() {
        PlatformKeys keys = current.get();
        return keys == null ? Set.of() : keys.serialNumbers();
    }

    @Override
    public List<PlatformKey> keys() {
        PlatformKeys keys = current.get();
        return keys == null ? List.of() : keys.keys();
    }

    /** Stops the schedule (and its thread when the store made it); verification keeps working with the last set. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (next != null) {
                next.cancel(false);
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "CertificateStore[" + mchid + ", " + serialNumbers() + ", every " + interval + "]";
    }
}
