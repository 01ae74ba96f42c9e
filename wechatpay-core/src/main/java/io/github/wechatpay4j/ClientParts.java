package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.observe.CallObserver;
import io.github.wechatpay4j.scheme.Scheme;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Everything {@link ClientSettings#resolve()} checked and created, from which a {@link WechatPay} is made; the
 * builder itself is left as the caller set it.
 */
record ClientParts(
        String mchid,
        String merchantSerial,
        Scheme.Factory scheme,
        Signer signer,
        Verifier verifier,
        String baseUrl,
        HttpTransport transport,
        boolean ownsTransport,
        String transportName,
        JsonCodec codec,
        String codecName,
        Clock clock,
        Supplier<String> nonces,
        Duration window,
        String userAgent,
        ApiV3Key apiV3Key,
        MerchantKey merchantKey,
        CryptoSuite suite,
        EncryptionKeyPolicy keyPolicy,
        boolean alwaysSendSerial,
        AutoCertificates certificates,
        RetryPolicy retryPolicy,
        String backupBaseUrl,
        Executor work,
        ExecutorService ownedWork,
        long maxDownloadBytes,
        Digests digests,
        Hosts hosts,
        CallObserver observer,
        java.util.Map<String, Scheme.Factory> routedSchemes,
        HttpTransport certificateTransport,
        boolean ownsCertificateTransport,
        boolean warmUp) {

    /** Automatic platform certificate settings. */
    record AutoCertificates(Duration interval, Duration onDemandLimit, ScheduledExecutorService scheduler) {}
}
