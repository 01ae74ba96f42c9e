package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.internal.SensitiveFields;
import io.github.wechatpay4j.scheme.Scheme;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One scheme's stages, in the order a call goes through them: prepare, then per attempt sign, exchange and verify. A
 * client has one pipeline for its scheme (APIv3) and one for each scheme routed by a path's first segment (APIv2's
 * {@code v2}); they share the transport, hosts, clock, nonces and work executor. The calls the scheme says require the
 * merchant's client certificate go through {@code certified}, the same stages over the client-certificate transport
 * ({@code null} when the client has none).
 */
record Pipeline(
        Scheme scheme,
        PrepareStage preparing,
        SignStage signing,
        ErrorDecoder errors,
        VerifyStage answers,
        ExchangeStage exchange,
        ExchangeStage certified) {

    static Pipeline of(
            Scheme scheme, ClientParts r, Verifier verifier, SensitiveFields sensitiveFields, NonceSource nonces) {
        PrepareStage preparing = new PrepareStage(
                scheme,
                r.codec(),
                r.digests(),
                sensitiveFields,
                verifier,
                r.suite(),
                r.keyPolicy(),
                r.alwaysSendSerial(),
                r.clock(),
                r.userAgent(),
                nonces,
                r.retryPolicy());
        SignStage signing = new SignStage(scheme);
        ErrorDecoder errors = new ErrorDecoder(scheme, r.clock(), r.window(), r.codec());
        VerifyStage answers = new VerifyStage(scheme, r.clock(), r.window(), r.codec(), errors);
        ExchangeStage exchange =
                new ExchangeStage(r.transport(), signing, answers, r.hosts(), r.baseUrl(), r.backupBaseUrl(), r.work());
        ExchangeStage certified = r.certificateTransport() == null
                ? null
                : new ExchangeStage(
                        r.certificateTransport(),
                        signing,
                        answers,
                        r.hosts(),
                        r.baseUrl(),
                        r.backupBaseUrl(),
                        r.work());
        return new Pipeline(scheme, preparing, signing, errors, answers, exchange, certified);
    }

    ApiResponse execute(String method, List<String> segments, Options options) {
        Prepared call = preparing.prepare(method, segments, options);
        return exchangeFor(call).execute(call);
    }

    /** The exchange {@code call} goes through: the client-certificate one when the scheme requires it. */
    ExchangeStage exchangeFor(Prepared call) {
        if (!scheme.requiresClientCertificate(call.wirePath())) {
            return exchange;
        }
        if (certified == null) {
            throw new ConfigurationException(call.verb() + " " + call.path() + " requires the merchant's API client"
                    + " certificate (apiclient_cert.p12) in the TLS handshake, and this client has none: build it with"
                    + " clientCertificate(ClientCertificate.fromPkcs12(…)) or clientCertificateTransport(…)");
        }
        return certified;
    }

    /**
     * Starts a call without blocking: everything from preparing it on runs on the client's work executor, so the
     * caller's thread only hands it over. Cancelling the future cancels the exchange in flight.
     */
    CompletableFuture<ApiResponse> executeAsync(String method, List<String> segments, Options options) {
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        ExchangeStage.InFlight inFlight = ExchangeStage.InFlight.of(result);
        exchange.onWorkThread(result, () -> "the call " + method + " /" + String.join("/", segments), () -> {
            Prepared call = preparing.prepare(method, segments, options);
            exchangeFor(call).startAsync(call, result, inFlight);
        });
        return result;
    }
}
