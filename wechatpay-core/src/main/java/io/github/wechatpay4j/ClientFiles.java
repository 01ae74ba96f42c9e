package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.FileExchange;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.scheme.Scheme;

import java.security.PrivateKey;
import java.util.function.Supplier;

/**
 * The client's side of its downloads: a signed GET through the sign and exchange stages, its errors decoded, and the
 * answer verification for signed file answers. The {@code download} package sees only {@link FileExchange}.
 */
final class ClientFiles implements FileExchange {
    private final PrepareStage preparing;
    private final SignStage signing;
    private final ExchangeStage exchange;
    private final VerifyStage answers;
    private final ErrorDecoder errors;
    private final Scheme scheme;
    private final Hosts hosts;
    private final String baseUrl;
    private final String backupBaseUrl;
    private final Digests digests;
    private final long maxDownloadBytes;
    private final Supplier<PrivateKey> merchantKey;

    ClientFiles(
            PrepareStage preparing,
            SignStage signing,
            ExchangeStage exchange,
            VerifyStage answers,
            ErrorDecoder errors,
            Scheme scheme,
            ClientParts parts,
            Supplier<PrivateKey> merchantKey) {
        this.preparing = preparing;
        this.signing = signing;
        this.exchange = exchange;
        this.answers = answers;
        this.errors = errors;
        this.scheme = scheme;
        this.hosts = parts.hosts();
        this.baseUrl = parts.baseUrl();
        this.backupBaseUrl = parts.backupBaseUrl();
        this.digests = parts.digests();
        this.maxDownloadBytes = parts.maxDownloadBytes();
        this.merchantKey = merchantKey;
    }

    @Override
    public <T> T get(String base, String pathAndQuery, Headers headers, Reader<T> reader) {
        HttpRequest request = signing.sign(
                "GET", base, pathAndQuery, preparing.downloadHeaders(headers).build(), new byte[0], new byte[0]);
        return exchange.stream(request, reader, errors);
    }

    @Override
    public void verifyAnswer(Headers headers, byte[] signed, String what) {
        answers.verifyAnswer(headers, signed, what);
    }

    @Override
    public boolean isSigned(Headers headers) {
        return scheme.isSigned(headers);
    }

    @Override
    public String baseUrlFor(String path) {
        return hosts.baseFor(path);
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String backupBaseUrl() {
        return backupBaseUrl;
    }

    @Override
    public Digests digests() {
        return digests;
    }

    @Override
    public long maxDownloadBytes() {
        return maxDownloadBytes;
    }

    @Override
    public PrivateKey merchantKey() {
        return merchantKey.get();
    }
}
