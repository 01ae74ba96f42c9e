package io.github.wechatpay4j.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The streaming AES-GCM decryption agrees with the JDK's GCM cipher, for every size and read pattern. */
class GcmDecryptingStreamTest {

    private static byte[] seal(byte[] key, byte[] nonce, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return c.doFinal(plain);
    }

    /** A source that hands out at most {@code step} bytes per read, like a slow network. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void matchesTheJdkForManySizesNoncesAndReadPatterns() throws Exception {
        Random random = new Random(42);
        byte[] key = new byte[32];
        random.nextBytes(key);
        for (int nonceLength : new int[] {12, 16, 32, 7}) {
            byte[] nonce = new byte[nonceLength];
            random.nextBytes(nonce);
            for (int size : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 1000, 65_537}) {
                byte[] plain = new byte[size];
                random.nextBytes(plain);
                byte[] sealed = seal(key, nonce, plain);
                for (int step : new int[] {1, 5, 16, 17, 8192, Integer.MAX_VALUE}) {
                    try (InputStream in = new GcmDecryptingStream(trickle(sealed, step), key, nonce)) {
                        byte[] out = step == 1 ? readByteByByte(in) : in.readAllBytes();
                        assertArrayEquals(plain, out, "size " + size + ", nonce " + nonceLength + ", step " + step);
                    }
                }
            }
        }
    }

    private static byte[] readByteByByte(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void anyAlterationOrAWrongKeyFailsAtTheEnd() throws Exception {
        byte[] key = "0123456789abcdefghijABCDEFGHIJ01".getBytes();
        byte[] nonce = "abcdefghijkl".getBytes();
        byte[] sealed = seal(key, nonce, "`2026-11-22,`1.00\n".repeat(100).getBytes());
        for (int i : new int[] {0, sealed.length / 2, sealed.length - 17, sealed.length - 1}) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x01;
            assertThrows(GcmDecryptingStream.BadTagException.class,
                    () -> new GcmDecryptingStream(new ByteArrayInputStream(bad), key, nonce).readAllBytes());
        }
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThrows(GcmDecryptingStream.BadTagException.class,
                () -> new GcmDecryptingStream(new ByteArrayInputStream(sealed), other, nonce).readAllBytes());
        assertThrows(GcmDecryptingStream.BadTagException.class, () -> new GcmDecryptingStream(
                new ByteArrayInputStream(java.util.Arrays.copyOf(sealed, sealed.length - 1)), key, nonce)
                .readAllBytes());
        assertThrows(GcmDecryptingStream.BadTagException.class,
                () -> new GcmDecryptingStream(new ByteArrayInputStream(new byte[5]), key, nonce).readAllBytes());
    }
}
