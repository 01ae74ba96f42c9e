package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.DownloadException.Reason;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipException;

/**
 * A downloaded file's body from the wire to checked bytes: decrypted (AES-256-GCM, for encrypted bills), un-gzipped
 * (a {@code Content-Encoding: gzip} answer, a {@code tar_type=GZIP} bill, or both), held to a size limit and hash
 * checked, always read to the very end so that the GCM tag and every gzip trailer are checked and no byte after them
 * passes unseen. Bytes written to the output are unverified until {@link #copy} returns normally.
 */
public final class DownloadBody {

    /**
     * What the answer promised.
     *
     * @param hashType   the hash type as WeChat Pay names it ({@code SHA1}, {@code SHA256}, {@code SM3}), for messages
     * @param digest     a fresh digest of that type, or {@code null} when there is no hash to check
     * @param hashHex    the hex digest of the final bytes (decrypted and un-gzipped), or {@code null}
     * @param gzipLayers how many gzip layers to take off (0, 1 or 2)
     * @param detectGzip whether to take off one more when the bytes start with gzip's magic number (a bill's
     *                   {@code tar_type=GZIP}, read from the file rather than from the caller)
     * @param key        the AES key of an encrypted bill, or {@code null}
     * @param nonce      its AES-GCM nonce, or {@code null}
     * @param maxBytes   the most final bytes accepted
     */
    public record Expected(
            String hashType,
            MessageDigest digest,
            String hashHex,
            int gzipLayers,
            boolean detectGzip,
            byte[] key,
            byte[] nonce,
            long maxBytes) {

        /** A bill: SHA-1 checked, one gzip layer when {@code gzipped}. */
        public Expected(String sha1Hex, boolean gzipped, byte[] key, byte[] nonce, long maxBytes) {
            this("SHA1", sha1(), sha1Hex, gzipped ? 1 : 0, false, key, nonce, maxBytes);
        }

        private boolean gzipped() {
            return gzipLayers > 0 || detectGzip;
        }
    }

    private static final int BUFFER = 64 * 1024;

    private DownloadBody() {}

    /**
     * Copies the final bytes of {@code raw} into {@code out} and checks them.
     *
     * @return the size in bytes of what was written
     * @throws DownloadException {@code BAD_TAG}, {@code CORRUPT_GZIP}, {@code TOO_LARGE}, {@code HASH_MISMATCH} or
     *                           {@code WRITE_FAILED}
     * @throws IOException       reading {@code raw} failed
     */
    public static long copy(InputStream raw, Expected expected, OutputStream out) throws IOException {
        GcmDecryptingStream gcm = expected.key() == null ? null : decrypting(raw, expected);
        InputStream data = gcm != null ? gcm : raw;
        for (int i = 0; i < expected.gzipLayers(); i++) {
            data = new StrictGzipInputStream(data);
        }
        if (expected.detectGzip()) {
            data = gunzippedIfGzip(data);
        }
        MessageDigest digest = expected.digest();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try {
            for (int n; (n = data.read(buffer)) >= 0; ) {
                if (n > expected.maxBytes() - total) {
                    throw new DownloadException(
                            Reason.TOO_LARGE,
                            "the file is larger than the limit of "
                                    + expected.maxBytes()
                                    + " bytes (WechatPay.Builder.maxDownloadBytes); nothing of it is"
                                    + " kept: raise the limit if the file is expected to be this large",
                            null);
                }
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DownloadException(
                            Reason.WRITE_FAILED, "writing the file failed after " + total + " bytes: " + e, e);
                }
                total += n;
            }
        } catch (GcmDecryptingStream.BadTagException e) {
            throw badTag(e);
        } catch (ZipException | EOFException e) {
            if (!expected.gzipped()) {
                throw e;
            }
            if (gcm != null) {
                checkTag(gcm, expected.maxBytes()); // an altered encrypted bill is a bad tag, whatever it decrypts to
            }
            throw new DownloadException(
                    Reason.CORRUPT_GZIP,
                    "the gzipped file is truncated or corrupt (" + e.getMessage() + "); download it again",
                    e);
        }
        if (digest != null) {
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(expected.hashHex())) {
                throw new DownloadException(
                        Reason.HASH_MISMATCH,
                        "the file's " + expected.hashType() + " is "
                                + actual + " but WeChat Pay announced " + expected.hashHex() + " (" + total + " bytes"
                                + " received): it is incomplete or altered; request a new download URL and download it"
                                + " again",
                        null);
            }
        }
        return total;
    }

    /** {@code in}, un-gzipped when its first two bytes are gzip's magic number {@code 1f 8b}. */
    private static InputStream gunzippedIfGzip(InputStream in) throws IOException {
        java.io.PushbackInputStream peek = new java.io.PushbackInputStream(in, 2);
        byte[] magic = peek.readNBytes(2);
        peek.unread(magic);
        return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                ? new StrictGzipInputStream(peek)
                : peek;
    }

    /** Reads the decrypted stream to its end (at most {@code limit} bytes) so that its tag is checked. */
    private static void checkTag(GcmDecryptingStream gcm, long limit) throws IOException {
        byte[] sink = new byte[BUFFER];
        long read = 0;
        try {
            for (int n; read <= limit && (n = gcm.read(sink)) >= 0; ) {
                read += n;
            }
        } catch (GcmDecryptingStream.BadTagException e) {
            throw badTag(e);
        }
    }

    private static DownloadException badTag(GcmDecryptingStream.BadTagException e) {
        return new DownloadException(
                Reason.BAD_TAG,
                "the encrypted bill does not decrypt: " + e.getMessage()
                        + " (altered, truncated or extended in transit, or a key or nonce that is not this file's); download"
                        + " it again",
                e);
    }

    private static GcmDecryptingStream decrypting(InputStream raw, Expected expected) {
        try {
            return new GcmDecryptingStream(raw, expected.key(), expected.nonce());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("AES-GCM cannot decrypt the bill in this JVM: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha1() {
        return new Digests(java.util.List.of()).create("SHA1");
    }
}
