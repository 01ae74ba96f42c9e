package io.github.wechatpay4j.download;

import io.github.wechatpay4j.WechatPayException;

/**
 * A downloaded file (a bill, receipt, image, statement) arrived but cannot be trusted or kept: its hash or (encrypted
 * bills) its tag does not match, its gzip stream is truncated, corrupt or followed by other bytes, it is larger than
 * the configured limit, writing it failed, or its hash type cannot be checked in this JVM. A file being written is
 * removed. Download it again with a fresh download URL.
 */
public class DownloadException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The bytes' hash is not the {@code hash_value} WeChat Pay gave. */
        HASH_MISMATCH,
        /** The gzip stream ended early or is not gzip. */
        CORRUPT_GZIP,
        /** An encrypted bill's AES-GCM tag does not match. */
        BAD_TAG,
        /** The bill grew beyond {@code WechatPay.Builder.maxDownloadBytes} (after decrypting and un-gzipping). */
        TOO_LARGE,
        /**
         * The hash type is not one this client can check: {@code SHA1} and {@code SHA256} always can, {@code SM3} with
         * the {@code wechatpay-crypto-sm} module or a {@code DigestProvider}.
         */
        UNSUPPORTED_HASH,
        /** Writing to the target failed (disk full, closed stream). */
        WRITE_FAILED
    }

    private final Reason reason;

    public DownloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
