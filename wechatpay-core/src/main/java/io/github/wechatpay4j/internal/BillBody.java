package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DownloadException;
import io.github.wechatpay4j.DownloadException.Reason;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipException;

/**
 * A bill's body from the wire to checked plaintext: decrypted (AES-256-GCM, for encrypted bills), un-gzipped
 * ({@code tar_type=GZIP}), held to a size limit and SHA-1 checked, always read to the very end so that the GCM tag and
 * the gzip trailer are checked and no byte after them passes unseen. Bytes written to the output are unverified until
 * {@link #copy} returns normally.
 */
public final class BillBody {

    /**
     * What the bill's query answer promised.
     *
     * @param sha1Hex  the hex SHA-1 of the plaintext (decrypted and un-gzipped)
     * @param gzipped  whether the body is gzip
     * @param key      the AES key of an encrypted bill, or {@code null}
     * @param nonce    its AES-GCM nonce, or {@code null}
     * @param maxBytes the most plaintext bytes accepted
     */
    public record Expected(String sha1Hex, boolean gzipped, byte[] key, byte[] nonce, long maxBytes) {
    }

    private static final int BUFFER = 64 * 1024;

    private BillBody() {
    }

    /**
     * Copies the plaintext of {@code raw} into {@code out} and checks it.
     *
     * @return the plaintext's size in bytes
     * @throws DownloadException {@code BAD_TAG}, {@code CORRUPT_GZIP}, {@code TOO_LARGE}, {@code HASH_MISMATCH} or
     *                           {@code WRITE_FAILED}
     * @throws IOException       reading {@code raw} failed
     */
    public static long copy(InputStream raw, Expected expected, OutputStream out) throws IOException {
        GcmDecryptingStream gcm = expected.key() == null ? null : decrypting(raw, expected);
        InputStream plain = gcm != null ? gcm : raw;
        InputStream data = expected.gzipped() ? new StrictGzipInputStream(plain) : plain;
        MessageDigest sha1 = sha1();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try {
            for (int n; (n = data.read(buffer)) >= 0; ) {
                if (n > expected.maxBytes() - total) {
                    throw new DownloadException(Reason.TOO_LARGE, "the bill is larger than the limit of "
                            + expected.maxBytes() + " bytes (WechatPay.Builder.maxDownloadBytes); nothing of it is"
                            + " kept: raise the limit if the bill is expected to be this large", null);
                }
                sha1.update(buffer, 0, n);
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DownloadException(Reason.WRITE_FAILED, "writing the bill failed after " + total
                            + " bytes: " + e, e);
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
            throw new DownloadException(Reason.CORRUPT_GZIP, "the gzipped bill is truncated or corrupt ("
                    + e.getMessage() + "); download it again", e);
        }
        String actual = HexFormat.of().formatHex(sha1.digest());
        if (!actual.equalsIgnoreCase(expected.sha1Hex())) {
            throw new DownloadException(Reason.HASH_MISMATCH, "the bill's SHA-1 is " + actual + " but WeChat Pay"
                    + " announced " + expected.sha1Hex() + " (" + total + " bytes received): it is incomplete or"
                    + " altered; request a new download URL and download it again", null);
        }
        return total;
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
        return new DownloadException(Reason.BAD_TAG, "the encrypted bill does not decrypt: " + e.getMessage()
                + " (altered, truncated or extended in transit, or a key or nonce that is not this file's); download"
                + " it again", e);
    }

    private static GcmDecryptingStream decrypting(InputStream raw, Expected expected) {
        try {
            return new GcmDecryptingStream(raw, expected.key(), expected.nonce());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("AES-GCM cannot decrypt the bill in this JVM: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("SHA-1 is not available in this JVM", e);
        }
    }
}
