package io.github.wechatpay4j.download;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Answers;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.DownloadBody;
import io.github.wechatpay4j.internal.DownloadTargets;
import io.github.wechatpay4j.internal.FileExchange;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * A file WeChat Pay serves as raw bytes rather than signed JSON: a bill, a complaint image, an electronic receipt, a
 * fapiao file, a statement. The request is signed like every other; the answer is unsigned (its hash, where the
 * query answer gives one, is what protects it), or for overseas statements signed through its SHA-1. Made by
 * {@link Downloads#file(String)} for a {@code download_url}, by {@code Chain.download(Options)} for a path, and
 * by the typed API's methods for these operations:
 *
 * <pre>{@code
 * client.downloads().file(receiptAnswer).toFile(Path.of("receipt.pdf"));          // any DownloadLocation: url and hash checked
 * client.downloads().file(url).expect("SHA256", hashValue).toFile(Path.of("receipt.pdf"));
 * byte[] image = client.chain("v3/merchant-service/images/{media_id}")
 *         .download(Options.none().withPath("media_id", mediaId)).toBytes();
 * }</pre>
 *
 * Streaming, with bounded memory: nothing but {@link #toBytes()} holds the file. Every way out reads the answer to
 * its very end and checks, in order, the gzip layers (a {@code Content-Encoding: gzip} answer, or {@link #gunzip()}),
 * the size limit ({@code WechatPay.Builder.maxDownloadBytes}) and the hash. Immutable and thread-safe: each
 * {@code to…} call sends a new signed request.
 */
public final class Download {
    /** The most {@link #toBytes()} holds in memory, whatever the configured download limit. */
    public static final long MAX_IN_MEMORY = 64L * 1024 * 1024;

    private final FileExchange files;
    private final String base;
    private final String pathAndQuery;
    private final Answers.Kind kind;
    private final Headers headers;
    /** For a POST whose body the scheme writes (APIv2's bills): its options; {@code null} for a GET. */
    private final Options body;

    private final String hashType;
    private final String hashValue;
    private final boolean gunzip;
    private final boolean detectGzip;
    private final byte[] key;
    private final byte[] nonce;

    private Download(
            FileExchange files,
            String base,
            String pathAndQuery,
            Answers.Kind kind,
            Headers headers,
            Options body,
            String hashType,
            String hashValue,
            boolean gunzip,
            boolean detectGzip,
            byte[] key,
            byte[] nonce) {
        this.files = files;
        this.base = base;
        this.pathAndQuery = pathAndQuery;
        this.kind = kind;
        this.headers = headers;
        this.body = body;
        this.hashType = hashType;
        this.hashValue = hashValue;
        this.gunzip = gunzip;
        this.detectGzip = detectGzip;
        this.key = key;
        this.nonce = nonce;
    }

    /** A download of {@code pathAndQuery} on {@code base}; a signed answer's path is refused. */
    static Download of(FileExchange files, String base, String pathAndQuery, Headers headers, boolean fromUrl) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Answers.Kind kind = Answers.of("GET", path);
        if (kind == Answers.Kind.SIGNED) {
            if (!fromUrl) {
                throw new InvalidRequestException("GET " + path + " answers signed JSON, not a file: call get()"
                        + " for it; download() is for the files WeChat Pay serves unsigned (bills, complaint images,"
                        + " receipts, fapiao files, statements), and download(url) for any download_url");
            }
            kind = Answers.Kind.UNSIGNED_FILE; // a download_url from a signed query answer
        }
        return new Download(files, base, pathAndQuery, kind, headers, null, null, null, false, false, null, null);
    }

    /** A download answering a POST whose body the scheme of {@code path} writes (APIv2's bills). */
    static Download posting(FileExchange files, String path, Options options) {
        return new Download(
                files,
                "",
                path,
                Answers.Kind.UNSIGNED_FILE,
                Headers.empty(),
                options,
                null,
                null,
                false,
                false,
                null,
                null);
    }

    /**
     * This download with the file's hash checked: {@code hashType} and {@code hashValue} as the query answer gives
     * them ({@code SHA1}, {@code SHA256}; {@code SM3} with the {@code wechatpay-crypto-sm} module or a
     * {@link io.github.wechatpay4j.crypto.DigestProvider}). The hash covers the file as finally written (decrypted and
     * un-gzipped).
     *
     * @throws DownloadException          {@code UNSUPPORTED_HASH} when no digest of that type is available
     * @throws MalformedResponseException when {@code hashValue} is not a hex digest of that type
     */
    public Download expect(String hashType, String hashValue) {
        String type = Digests.normalize(hashType);
        files.digests().create(type); // fails now, before anything is sent, when the type cannot be checked
        String value = hashValue == null ? "" : hashValue.strip();
        int length = Digests.hexLength(type);
        if (value.isEmpty()
                || length > 0 && value.length() != length
                || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MalformedResponseException(
                    "the hash_value '" + hashValue + "' is not a hex " + type
                            + (length > 0 ? " (" + length + " hex digits)" : ""),
                    200,
                    null,
                    null);
        }
        return new Download(
                files,
                base,
                pathAndQuery,
                kind,
                headers,
                body,
                type,
                value.toLowerCase(Locale.ROOT),
                gunzip,
                detectGzip,
                key,
                nonce);
    }

    /**
     * This download with the file un-gzipped on the way: for bills requested with {@code tar_type=GZIP}. A
     * {@code Content-Encoding: gzip} answer is un-gzipped without asking.
     */
    public Download gunzip() {
        return new Download(
                files, base, pathAndQuery, kind, headers, body, hashType, hashValue, true, false, key, nonce);
    }

    /**
     * This download un-gzipped when the file is gzip (its first bytes are gzip's magic number), as it is when a bill
     * was requested with {@code tar_type=GZIP}; left as it is otherwise. The bill helpers use it, so that the request's
     * {@code tar_type} and the download can never disagree.
     */
    public Download gunzipIfGzipped() {
        return new Download(
                files, base, pathAndQuery, kind, headers, body, hashType, hashValue, false, true, key, nonce);
    }

    /** An encrypted bill's AES-256-GCM key and nonce. */
    Download decrypting(byte[] aesKey, byte[] aesNonce) {
        return new Download(
                files,
                base,
                pathAndQuery,
                kind,
                headers,
                body,
                hashType,
                hashValue,
                gunzip,
                detectGzip,
                aesKey.clone(),
                aesNonce.clone());
    }

    /** The raw path and query requested. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /**
     * Downloads into a temporary file next to {@code target} and moves it into place only when every check passed:
     * on any failure nothing is left behind and an existing {@code target} is untouched.
     *
     * @return what was downloaded
     * @throws DownloadException          bad hash or tag, corrupt gzip, too large, write failure
     * @throws SignatureVerificationException a statement whose signature does not verify
     * @throws TransportException         I/O failure or timeout
     * @throws ServiceException           WeChat Pay refused (an expired URL, a wrong media ID)
     */
    public Downloaded toFile(Path target) {
        Downloaded[] result = new Downloaded[1];
        DownloadTargets.toFile(target, out -> (result[0] = toUnverified(out)).size());
        return result[0];
    }

    /**
     * Downloads and writes into {@code out} (left open) <em>after</em> every check passed: {@code out} never
     * receives an unverified byte. The file waits in a temporary file in {@code java.io.tmpdir} (owner-only where
     * the file system has permissions), removed afterwards.
     */
    public Downloaded to(OutputStream out) {
        Downloaded[] result = new Downloaded[1];
        DownloadTargets.copiedWhenVerified(out, o -> (result[0] = toUnverified(o)).size());
        return result[0];
    }

    /**
     * The file in memory, checked: at most {@link #MAX_IN_MEMORY} bytes (or {@code maxDownloadBytes} when smaller),
     * beyond which it fails with {@code TOO_LARGE}; use {@link #toFile} for larger files.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream(out, Math.min(MAX_IN_MEMORY, files.maxDownloadBytes()));
        return out.toByteArray();
    }

    /**
     * Streams into {@code out} (left open) as the file arrives, with no temporary file. <strong>What reaches
     * {@code out} is unverified until this method returns normally</strong>: on any exception discard everything
     * written. Use it only when {@code out} is itself a staging area; otherwise use {@link #toFile} or {@link #to}.
     */
    public Downloaded toUnverified(OutputStream out) {
        if (out == null) {
            throw new InvalidRequestException("the stream to write the download to is required");
        }
        return stream(out, files.maxDownloadBytes());
    }

    private Downloaded stream(OutputStream out, long limit) {
        FileExchange.Reader<Downloaded> reader = response -> {
            Headers answer = response.headers();
            String announced = statementSha1(answer);
            String type = hashType;
            String value = hashValue;
            if (announced != null) {
                if (value != null && !(type.equals("SHA1") && value.equalsIgnoreCase(announced))) {
                    throw new DownloadException(
                            DownloadException.Reason.HASH_MISMATCH,
                            "the answer's "
                                    + Answers.STATEMENT_SHA1 + " is " + announced + ", not the expected " + type + " "
                                    + value + ": request the file again",
                            null);
                }
                type = "SHA1";
                value = announced;
            }
            MessageDigest digest = type == null ? null : files.digests().create(type);
            long size = DownloadBody.copy(
                    response.body(),
                    new DownloadBody.Expected(type, digest, value, gzipLayers(answer), detectGzip, key, nonce, limit),
                    out);
            return new Downloaded(
                    size,
                    answer.first("Content-Type").orElse(""),
                    answer.first("Request-ID").orElse(""));
        };
        return body == null ? files.get(base, pathAndQuery, headers, reader) : files.post(pathAndQuery, body, reader);
    }

    /**
     * The statement SHA-1 the answer announces, its signature checked: required for overseas statements; for
     * other files checked when present (a signed one must verify).
     */
    private String statementSha1(Headers answer) {
        String sha1 = answer.first(Answers.STATEMENT_SHA1).map(String::strip).orElse(null);
        if (sha1 == null) {
            if (kind == Answers.Kind.STATEMENT) {
                throw new SignatureVerificationException(
                        Reason.MISSING_HEADER,
                        "the statement answer to GET "
                                + pathAndQuery.replaceFirst("\\?.*", "") + " has no " + Answers.STATEMENT_SHA1
                                + " header:"
                                + " WeChat Pay signs statements through it, so this one is rejected");
            }
            return null;
        }
        if (sha1.length() != 40 || !sha1.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MalformedResponseException(
                    "the " + Answers.STATEMENT_SHA1 + " header '" + sha1 + "' is not a" + " hex SHA-1",
                    200,
                    answer.first("Request-ID").orElse(null),
                    null);
        }
        if (kind == Answers.Kind.STATEMENT || files.isSigned(answer)) {
            files.verifyAnswer(
                    answer,
                    ("{\"sha1\":\"" + sha1 + "\"}").getBytes(StandardCharsets.UTF_8),
                    "GET " + pathAndQuery.replaceFirst("\\?.*", ""));
        }
        return sha1;
    }

    private int gzipLayers(Headers answer) {
        String encoding = answer.first("Content-Encoding")
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .orElse("");
        int layers = gunzip ? 1 : 0;
        switch (encoding) {
            case "", "identity" -> {}
            case "gzip", "x-gzip" -> layers++;
            default ->
                throw new MalformedResponseException(
                        "the download answered Content-Encoding '" + encoding
                                + "', which this client does not decode (gzip only)",
                        200,
                        answer.first("Request-ID").orElse(null),
                        null);
        }
        return layers;
    }

    @Override
    public String toString() {
        return "Download[" + (body == null ? "GET " : "POST ") + base + pathAndQuery.replaceFirst("\\?.*", "")
                + (hashType == null ? "" : ", " + hashType)
                + (gunzip ? ", gzip" : detectGzip ? ", gzip if gzipped" : "") + "]";
    }
}
