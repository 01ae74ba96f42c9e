package io.github.wechatpay4j.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM decryption as a stream, for encrypted bills of any size: the JDK's GCM cipher holds back all plaintext
 * until the tag is checked, which means holding the whole bill in memory. Here the plaintext comes out as the
 * ciphertext arrives (AES-CTR, as GCM itself encrypts), GHASH is computed alongside, and the 16-byte tag at the end is
 * checked at end of stream; a mismatch is a {@link BadTagException}. Callers must treat output as unverified until
 * EOF (the bill download writes to a temporary file and checks the SHA-1 too).
 */
public final class GcmDecryptingStream extends FilterInputStream {
    /** The tag at the end did not match: wrong key, or altered ciphertext. */
    public static final class BadTagException extends IOException {
        private static final long serialVersionUID = 1L;

        BadTagException(String message) {
            super(message);
        }
    }

    private static final int TAG = 16;
    private static final long R = 0xE100000000000000L;

    private final Cipher ctr;
    private final long hHi;
    private final long hLo;
    private final byte[] tagMask;
    private long yHi;
    private long yLo;
    private final byte[] block = new byte[16];
    private int blockFill;
    private long ciphertextBytes;
    private byte[] held = new byte[0]; // the last bytes read, which may be the tag
    private boolean eof;
    private final byte[] chunk = new byte[64 * 1024]; // one read buffer for the stream's life

    public GcmDecryptingStream(InputStream in, byte[] key, byte[] nonce) throws GeneralSecurityException {
        super(in);
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, aes);
        byte[] h = ecb.doFinal(new byte[16]);
        this.hHi = readLong(h, 0);
        this.hLo = readLong(h, 8);
        byte[] j0;
        if (nonce.length == 12) {
            j0 = Arrays.copyOf(nonce, 16);
            j0[15] = 1;
        } else { // J0 = GHASH(nonce || pad || 0^64 || [len(nonce)]64)
            for (int i = 0; i < nonce.length; i += 16) {
                byte[] b = Arrays.copyOfRange(nonce, i, Math.min(nonce.length, i + 16));
                absorb(Arrays.copyOf(b, 16));
            }
            byte[] lengths = new byte[16];
            writeLong(lengths, 8, (long) nonce.length * 8);
            absorb(lengths);
            j0 = new byte[16];
            writeLong(j0, 0, yHi);
            writeLong(j0, 8, yLo);
            yHi = 0;
            yLo = 0;
        }
        this.tagMask = ecb.doFinal(j0);
        byte[] counter = j0.clone();
        increment(counter);
        this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(counter));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // keep reading until a byte or the end
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (eof) {
                return -1;
            }
            if (held.length > TAG) { // everything but the last 16 bytes seen so far is ciphertext
                int give = Math.min(held.length - TAG, len);
                hash(held, 0, give);
                byte[] plain = ctr.update(held, 0, give);
                System.arraycopy(plain, 0, b, off, plain.length);
                held = Arrays.copyOfRange(held, give, held.length);
                return plain.length;
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                finish();
                eof = true;
                return -1;
            }
            byte[] all = Arrays.copyOf(held, held.length + n);
            System.arraycopy(chunk, 0, all, held.length, n);
            held = all;
        }
    }

    private void hash(byte[] data, int off, int len) {
        ciphertextBytes += len;
        for (int i = 0; i < len; i++) {
            block[blockFill++] = data[off + i];
            if (blockFill == 16) {
                absorb(block);
                blockFill = 0;
            }
        }
    }

    private void finish() throws IOException {
        if (held.length < TAG) {
            throw new BadTagException("the encrypted stream is shorter than its 16-byte tag");
        }
        if (blockFill > 0) {
            Arrays.fill(block, blockFill, 16, (byte) 0);
            absorb(block);
            blockFill = 0;
        }
        byte[] lengths = new byte[16];
        writeLong(lengths, 8, ciphertextBytes * 8); // no associated data
        absorb(lengths);
        byte[] tag = new byte[16];
        writeLong(tag, 0, yHi);
        writeLong(tag, 8, yLo);
        for (int i = 0; i < 16; i++) {
            tag[i] ^= tagMask[i];
        }
        if (!MessageDigest.isEqual(tag, held)) {
            throw new BadTagException("the AES-GCM tag of the encrypted stream does not match");
        }
    }

    /** Y = (Y xor X) * H in GF(2^128), GCM bit order. */
    private void absorb(byte[] x) {
        long xHi = yHi ^ readLong(x, 0);
        long xLo = yLo ^ readLong(x, 8);
        long zHi = 0;
        long zLo = 0;
        long vHi = hHi;
        long vLo = hLo;
        for (int i = 0; i < 128; i++) {
            long bit = i < 64 ? (xHi >>> (63 - i)) & 1 : (xLo >>> (127 - i)) & 1;
            if (bit != 0) {
                zHi ^= vHi;
                zLo ^= vLo;
            }
            boolean carry = (vLo & 1) != 0;
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi >>>= 1;
            if (carry) {
                vHi ^= R;
            }
        }
        yHi = zHi;
        yLo = zLo;
    }

    private static void increment(byte[] counter) {
        for (int i = 15; i >= 12; i--) {
            if (++counter[i] != 0) {
                return;
            }
        }
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
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
