package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.StreamingHttpResponse;

import java.io.IOException;

/**
 * What a client lends its downloads: a signed GET whose answer streams, the answer verification for signed file
 * answers, and the client's settings for files. Implemented by the client; the {@code download} package depends on
 * this, never on the client's stages.
 */
public interface FileExchange {

    /**
     * Signs and sends a GET for {@code pathAndQuery} on {@code base}, hands a 2xx answer to {@code reader} and closes
     * it; anything else is a {@code ServiceException}, an I/O failure a {@code TransportException}.
     */
    <T> T get(String base, String pathAndQuery, Headers headers, Reader<T> reader);

    /**
     * Sends a download whose request carries a body the scheme of {@code path} writes (APIv2's
     * {@code v2/pay/downloadbill}, {@code Options.xml(fields)}) through that scheme's stages, and hands its answer to
     * {@code reader} unless the scheme recognises an answer in place of the file (an APIv2 failure in a 200), which
     * it turns into the typed error.
     *
     * @param path the path as called, such as {@code v2/pay/downloadbill}
     */
    <T> T post(String path, io.github.wechatpay4j.Options options, Reader<T> reader);

    /** Verifies a signed answer over {@code signed} (what WeChat Pay signed: the body or a stand-in for it). */
    void verifyAnswer(Headers headers, byte[] signed, String what);

    /** Whether {@code headers} carry any part of WeChat Pay's signature (a signed file answer must then verify). */
    boolean isSigned(Headers headers);

    /** The base URL of the host that serves {@code path} (raw, starting with {@code /}). */
    String baseUrlFor(String path);

    /** The API host's base URL. */
    String baseUrl();

    /** The backup host's base URL, {@code null} when failover is off. */
    String backupBaseUrl();

    /** The digests this client can check (SHA-1, SHA-256 and what providers add). */
    Digests digests();

    /** The most bytes a download may write. */
    long maxDownloadBytes();

    /** The merchant's key, for encrypted bills; a {@code ConfigurationException} when the client has none. */
    MerchantKey merchantKey();

    /** Reads an answer that streams; thrown I/O failures become {@code TransportException}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(StreamingHttpResponse response) throws IOException;
    }
}
