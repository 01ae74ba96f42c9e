package io.github.wechatpay4j.internal;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES-GCM decryption as a stream, for encrypted bills of any size: the JDK's GCM cipher holds back all plaintext
 * until the tag is checked, which means holding the whole bill in memory. Here the plaintext comes out as the
 * ciphertext arrives (AES-CTR with GCM's 32-bit counter increment), {@link Ghash} runs alongside, and the 16-byte tag
 * at the end is checked when the source ends: a mismatch is a {@link BadTagException}, thrown by the {@code read}
 * that would have returned end of stream. <strong>Bytes read before that are unverified</strong>: a caller must not
 * act on them (or let anyone else see them) until this stream has returned {@code -1}.
 */
public final class GcmDecryptingStream extends FilterInputStream {
    /** The tag at the end did not match: wrong key or nonce, or altered, truncated or extended ciphertext. */
    public static final class BadTagException extends IOException {
        private static final long serialVersionUID = 1L;

        BadTagException(String message) {
            super(message);
        }
    }

    private static final int TAG = 16;
    /** GCM encrypts at most 2^32 - 2 blocks under one nonce (NIST SP 800-38D, 5.2.1.1). */
    private static final long MAX_CIPHERTEXT = ((1L << 32) - 2) * 16;

    private final SecretKeySpec key;
    private final Cipher ctr;
    private final Ghash ghash;
    private final byte[] tagMask;
    private final byte[] wrappedCounter;
    private final long aadBytes;
    /** Ciphertext offset at which the counter's low 32 bits wrap to zero (GCM's inc32 never carries beyond them). */
    private long wrapAt;

    private long ciphertextBytes;
    private final byte[] buffer = new byte[64 * 1024 + TAG]; // one read buffer for the stream's life
    private int start;
    private int end;
    private boolean eof;
    private final byte[] one = new byte[1];

    /** A stream without associated data (encrypted bills have none). */
    public GcmDecryptingStream(InputStream in, byte[] key, byte[] nonce) throws GeneralSecurityException {
        this(in, key, nonce, new byte[0]);
    }

    /**
     * @param key   an AES key (16, 24 or 32 bytes)
     * @param nonce the IV, at least one byte (12 is GCM's usual length; other lengths are hashed into the counter)
     * @param aad   the associated data, authenticated but not encrypted
     */
    public GcmDecryptingStream(InputStream in, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        super(in);
        if (nonce == null || nonce.length == 0) {
            throw new InvalidAlgorithmParameterException("AES-GCM needs a nonce of at least one byte");
        }
        this.key = new SecretKeySpec(key, "AES");
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, this.key);
        byte[] j0;
        if (nonce.length == 12) {
            j0 = Arrays.copyOf(nonce, 16);
            j0[15] = 1;
        } else { // J0 = GHASH(nonce || pad || 0^64 || [len(nonce)]64)
            Ghash iv = new Ghash(ecb.doFinal(new byte[16]));
            iv.update(nonce, 0, nonce.length);
            iv.block(0, (long) nonce.length * 8);
            j0 = iv.value();
        }
        this.ghash = new Ghash(ecb.doFinal(new byte[16]));
        this.tagMask = ecb.doFinal(j0);
        this.aadBytes = aad.length;
        ghash.update(aad, 0, aad.length);
        ghash.padToBlock();
        byte[] counter = j0.clone();
        int low = increment32(counter);
        this.wrapAt = ((1L << 32) - Integer.toUnsignedLong(low)) * 16;
        this.wrappedCounter = Arrays.copyOf(j0, 16);
        Arrays.fill(wrappedCounter, 12, 16, (byte) 0);
        this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, this.key, new IvParameterSpec(counter));
    }

    @Override
    public int read() throws IOException {
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // keep reading until a byte or the end
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            int ready = end - start - TAG; // everything but the last 16 bytes seen so far is ciphertext
            if (ready > 0) {
                int n = Math.min(ready, len);
                decrypt(start, n, b, off);
                start += n;
                return n;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                finish();
                eof = true;
            } else {
                end += n;
            }
        }
        return -1;
    }

    private void decrypt(int from, int n, byte[] out, int at) throws IOException {
        if (ciphertextBytes + n > MAX_CIPHERTEXT) {
            throw new BadTagException("the encrypted stream is longer than AES-GCM allows under one nonce");
        }
        ghash.update(buffer, from, n);
        try {
            for (int done = 0; done < n; ) {
                if (ciphertextBytes == wrapAt) { // inc32: the low word wraps, the upper 96 bits stay
                    ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(wrappedCounter));
                    wrapAt = Long.MAX_VALUE;
                }
                int k = (int) Math.min(n - done, wrapAt - ciphertextBytes);
                ctr.update(buffer, from + done, k, out, at + done);
                done += k;
                ciphertextBytes += k;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR refused a block it had accepted before", e);
        }
    }

    private void finish() throws IOException {
        if (end - start < TAG) {
            throw new BadTagException("the encrypted stream is shorter than its 16-byte tag");
        }
        ghash.padToBlock();
        ghash.block(aadBytes * 8, ciphertextBytes * 8);
        byte[] tag = ghash.value();
        for (int i = 0; i < TAG; i++) {
            tag[i] ^= tagMask[i];
        }
        if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(buffer, start, start + TAG))) {
            throw new BadTagException("the AES-GCM tag of the encrypted stream does not match");
        }
    }

    /** GCM's inc32: adds one to the last four bytes, modulo 2^32; returns the new low word. */
    private static int increment32(byte[] counter) {
        int low = ((counter[12] & 0xff) << 24
                        | (counter[13] & 0xff) << 16
                        | (counter[14] & 0xff) << 8
                        | (counter[15] & 0xff))
                + 1;
        counter[12] = (byte) (low >>> 24);
        counter[13] = (byte) (low >>> 16);
        counter[14] = (byte) (low >>> 8);
        counter[15] = (byte) low;
        return low;
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
