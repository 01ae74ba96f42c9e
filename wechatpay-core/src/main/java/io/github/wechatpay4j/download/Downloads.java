package io.github.wechatpay4j.download;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.FileExchange;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files of one merchant's client: bills, receipts, fapiao files and any other {@code download_url} a query
 * answered. Reached as {@code client.downloads()}:
 *
 * <pre>{@code
 * BillFile bill = client.chain("v3/bill/tradebill").get(Options.query("bill_date", "2026-11-29")).as(BillFile.class);
 * client.downloads().bill(bill, Path.of("trade-2026-11-29.csv"));
 * client.downloads().file(receiptAnswer).toFile(Path.of("receipt.pdf"));
 * }</pre>
 *
 * Immutable and thread-safe; every download sends a new signed request.
 */
public final class Downloads {
    private final FileExchange files;

    private Downloads(FileExchange files) {
        this.files = files;
    }

    /**
     * For {@code WechatPay}, which makes one per client: use {@code client.downloads()}. The parameter's type lives in
     * core's unexported {@code internal} package.
     */
    public static Downloads over(FileExchange files) {
        if (files == null) {
            throw new IllegalArgumentException("files");
        }
        return new Downloads(files);
    }

    /**
     * A file at a {@code download_url} a query answered (bills, electronic receipts, fapiao files), fetched with a
     * signed GET; WeChat Pay does not sign the file itself. Chain {@link Download#expect} with the answer's hash, then
     * {@link Download#toFile}. The URL must be on this client's API host or its backup host: the merchant signature
     * is never sent elsewhere.
     *
     * @throws MalformedResponseException when the URL is not a URL on those hosts
     */
    public Download file(String downloadUrl) {
        Map.Entry<String, String> target = DownloadUrls.target(files.baseUrl(), files.backupBaseUrl(), downloadUrl);
        return Download.of(files, target.getKey(), target.getValue(), Headers.empty(), true);
    }

    /**
     * The file a query answered ({@link DownloadLocation}: a receipt, a bill, any typed answer with
     * {@code download_url}, {@code hash_type} and {@code hash_value}), its hash to be checked:
     * {@code file(url).expect(hashType, hashValue)}.
     */
    public Download file(DownloadLocation location) {
        if (location == null) {
            throw new InvalidRequestException("the location to download is required");
        }
        return file(location.downloadUrl()).expect(location.hashAlgorithm(), location.hashValue());
    }

    /**
     * The file WeChat Pay serves unsigned at {@code pathAndQuery} (raw: percent-encoded, starting with {@code /}) on
     * the host that serves that path, as {@code client.chain(path).download(options)} reaches it after filling the
     * path template. Refused for a path that answers signed JSON.
     */
    public Download at(String pathAndQuery, Headers headers) {
        if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
            throw new InvalidRequestException("the path to download must start with '/'");
        }
        Headers extra = headers == null ? Headers.empty() : headers;
        if (extra.contains("Authorization")) {
            throw new InvalidRequestException(
                    "do not set the Authorization header: the client signs every request" + " itself");
        }
        int q = pathAndQuery.indexOf('?');
        return Download.of(
                files,
                files.baseUrlFor(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)),
                pathAndQuery,
                extra,
                false);
    }

    /**
     * The file answering a POST whose body the scheme of {@code path} writes: APIv2's {@code v2/pay/downloadbill} and
     * {@code v2/pay/downloadfundflow} with {@code Options.xml(fields)}, as
     * {@code client.chain(path).download(Options.xml(fields))} reaches it. A failure WeChat Pay reports in place of
     * the file (no bill for that day, a wrong parameter) is the scheme's typed error.
     */
    public Download post(String path, Options options) {
        if (options == null) {
            throw new InvalidRequestException("options must not be null");
        }
        return Download.posting(files, path, options);
    }

    /**
     * Downloads a bill to {@code target}, as {@link Download#toFile} does: {@code bill} is the bill query's answer
     * ({@link BillFile}, a typed {@code tradebill} or {@code fundflowbill} answer). Whether it is gzipped
     * ({@code tar_type=GZIP}) is read from the file itself; the gzip data is read to its very end, the size limit
     * ({@code WechatPay.Builder.maxDownloadBytes}) and the SHA-1 WeChat Pay announced are checked before the file is
     * moved into place. On any failure nothing is left behind and an existing {@code target} is untouched.
     *
     * @return the bill's size in bytes (un-gzipped)
     * @throws DownloadException  corrupt or truncated gzip, too large, hash mismatch, write failure
     * @throws TransportException I/O failure or timeout while downloading
     * @throws ServiceException   WeChat Pay refused the download (an expired URL, for example)
     */
    public long bill(DownloadLocation bill, Path target) {
        return file(bill).gunzipIfGzipped().toFile(target).size();
    }

    /** {@link #bill(DownloadLocation, Path)} into {@code out} (left open), as {@link Download#to} does. */
    public long bill(DownloadLocation bill, OutputStream out) {
        return file(bill).gunzipIfGzipped().to(out).size();
    }

    /** A bill streamed into {@code out}, unverified until it returns, as {@link Download#toUnverified} does. */
    public long billUnverified(DownloadLocation bill, OutputStream out) {
        return file(bill).gunzipIfGzipped().toUnverified(out).size();
    }

    /**
     * One file of an encrypted bill (an {@link EncryptedBillFile}, an item of the typed sub-merchant fund-flow
     * answer) to {@code target}: its key unwrapped with the merchant private key, the file decrypted (AES-256-GCM)
     * as a stream, un-gzipped when it is gzip. Same guarantees as {@link #bill(DownloadLocation, Path)}, plus the
     * AES-GCM tag over all of the file.
     */
    public long bill(EncryptedDownloadLocation bill, Path target) {
        return encrypted(bill).toFile(target).size();
    }

    /** {@link #bill(EncryptedDownloadLocation, Path)} into {@code out} (left open), verified first. */
    public long bill(EncryptedDownloadLocation bill, OutputStream out) {
        return encrypted(bill).to(out).size();
    }

    /**
     * An encrypted bill streamed into {@code out} as it is decrypted. <strong>Unverified until this method
     * returns</strong>: AES-GCM in a stream is malleable until its tag is checked at the end ({@code 100.00} can
     * become {@code 900.00}), so discard what was written on any exception.
     */
    public long billUnverified(EncryptedDownloadLocation bill, OutputStream out) {
        return encrypted(bill).toUnverified(out).size();
    }

    private Download encrypted(EncryptedDownloadLocation bill) {
        if (bill == null) {
            throw new InvalidRequestException("the bill to download is required");
        }
        return EncryptedBills.decrypting(file(bill).gunzipIfGzipped(), files.merchantKey(), bill);
    }

    @Override
    public String toString() {
        return "Downloads[" + files.baseUrl() + "]";
    }
}
