package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.FileExchange;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.scheme.Scheme;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The client's side of its downloads: a signed GET through the sign and exchange stages, its errors decoded, and the
 * answer verification for signed file answers; for a routed scheme (APIv2), a download whose body the scheme writes,
 * through its pipeline. The {@code download} package sees only {@link FileExchange}.
 */
final class ClientFiles implements FileExchange {
    /** The most of an answer read in place of a file (an APIv2 failure): such answers are a few hundred bytes. */
    private static final int MAX_ANSWER = 64 * 1024;

    private final Pipeline pipeline;
    private final Scheme scheme;
    private final JsonCodec codec;
    private final Hosts hosts;
    private final String baseUrl;
    private final String backupBaseUrl;
    private final Digests digests;
    private final long maxDownloadBytes;
    private final Supplier<MerchantKey> merchantKey;

    ClientFiles(Pipeline pipeline, ClientParts parts, Supplier<MerchantKey> merchantKey) {
        this.pipeline = pipeline;
        this.scheme = pipeline.scheme();
        this.codec = parts.codec();
        this.hosts = parts.hosts();
        this.baseUrl = parts.baseUrl();
        this.backupBaseUrl = parts.backupBaseUrl();
        this.digests = parts.digests();
        this.maxDownloadBytes = parts.maxDownloadBytes();
        this.merchantKey = merchantKey;
    }

    @Override
    public <T> T get(String base, String pathAndQuery, Headers headers, Reader<T> reader) {
        HttpRequest request = pipeline.signing()
                .sign(
                        "GET",
                        base,
                        pathAndQuery,
                        pipeline.preparing().downloadHeaders(headers).build(),
                        new byte[0],
                        new byte[0]);
        return pipeline.exchange().stream(request, reader, pipeline.errors());
    }

    @Override
    public <T> T post(String path, Options options, Reader<T> reader) {
        Prepared call = pipeline.preparing().prepare("POST", Chain.split(path), options);
        ExchangeStage through = pipeline.exchangeFor(call);
        HttpRequest request = pipeline.signing().sign(call, hosts.baseFor(call.wirePath()));
        return through.stream(request, response -> reader.read(fileOrFailure(request, response)), pipeline.errors());
    }

    /** The answer, its first bytes put back, unless the scheme sees an answer in place of the file: then its error. */
    private StreamingHttpResponse fileOrFailure(HttpRequest request, StreamingHttpResponse response)
            throws IOException {
        BufferedInputStream body = new BufferedInputStream(response.body(), 8 * 1024);
        body.mark(64);
        byte[] head = body.readNBytes(64);
        body.reset();
        if (!scheme.answersInsteadOfFile(head)) {
            return new StreamingHttpResponse(response.statusCode(), response.headers(), body);
        }
        byte[] answer = body.readNBytes(MAX_ANSWER + 1);
        String requestId = response.headers().first("Request-ID").orElse(null);
        if (answer.length > MAX_ANSWER) {
            throw new MalformedResponseException(
                    "the answer to " + call(request) + " is neither the file nor an answer of at most " + MAX_ANSWER
                            + " bytes",
                    response.statusCode(),
                    requestId,
                    null);
        }
        scheme.checkAnswer(request, new HttpResponse(response.statusCode(), response.headers(), answer), codec);
        throw new MalformedResponseException(
                "WeChat Pay answered " + call(request) + " with a success message instead of the file: nothing was"
                        + " downloaded",
                response.statusCode(),
                requestId,
                null);
    }

    private static String call(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    @Override
    public void verifyAnswer(Headers headers, byte[] signed, String what) {
        pipeline.answers().verifyAnswer(headers, signed, what);
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
    public MerchantKey merchantKey() {
        return merchantKey.get();
    }
}
