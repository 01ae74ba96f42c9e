package io.github.wechatpay4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

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
        byte[] key = "0123456789abcdefghijABCDEFGHIJ01".getBytes(StandardCharsets.UTF_8);
        byte[] nonce = "abcdefghijkl".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal(key, nonce, "`2026-11-22,`1.00\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        for (int i : new int[] {0, sealed.length / 2, sealed.length - 17, sealed.length - 1}) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x01;
            assertThrows(
                    GcmDecryptingStream.BadTagException.class,
                    () -> new GcmDecryptingStream(new ByteArrayInputStream(bad), key, nonce).readAllBytes());
        }
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThrows(
                GcmDecryptingStream.BadTagException.class,
                () -> new GcmDecryptingStream(new ByteArrayInputStream(sealed), other, nonce).readAllBytes());
        assertThrows(
                GcmDecryptingStream.BadTagException.class,
                () -> new GcmDecryptingStream(
                                new ByteArrayInputStream(Arrays.copyOf(sealed, sealed.length - 1)), key, nonce)
                        .readAllBytes());
        assertThrows(
                GcmDecryptingStream.BadTagException.class,
                () -> new GcmDecryptingStream(new ByteArrayInputStream(new byte[5]), key, nonce).readAllBytes());
    }

    /**
     * Every vector of Project Wycheproof's {@code aes_gcm_test.json} (C2SP/wycheproof, Apache-2.0; see
     * {@code src/test/resources/vectors/NOTICE}) through this stream and through the JDK's GCM cipher: each valid
     * vector decrypts to its message in both, each invalid one (modified tags, an empty nonce) fails in both. The file
     * includes the "CounterWrap" vectors, whose counters wrap in the low 32 bits.
     */
    @Test
    void wycheproofAesGcmVectorsAllBehaveAsTheyShould() throws Exception {
        JsonNode file;
        try (InputStream in = getClass().getResourceAsStream("/vectors/aes_gcm_test.json")) {
            file = new ObjectMapper().readTree(in);
        }
        HexFormat hex = HexFormat.of();
        int valid = 0;
        int invalid = 0;
        int counterWrap = 0;
        for (JsonNode group : file.get("testGroups")) {
            assertEquals(128, group.get("tagSize").asInt(), "this stream checks 16-byte tags only");
            for (JsonNode test : group.get("tests")) {
                String id = "tcId " + test.get("tcId").asInt() + " " + test.get("flags");
                byte[] key = hex.parseHex(test.get("key").asText());
                byte[] iv = hex.parseHex(test.get("iv").asText());
                byte[] aad = hex.parseHex(test.get("aad").asText());
                byte[] msg = hex.parseHex(test.get("msg").asText());
                byte[] sealed =
                        hex.parseHex(test.get("ct").asText() + test.get("tag").asText());
                boolean expectValid = test.get("result").asText().equals("valid");
                if (test.get("flags").toString().contains("CounterWrap")) {
                    counterWrap++;
                }
                for (int step : new int[] {1, 7, Integer.MAX_VALUE}) {
                    byte[] streamed = streamDecrypt(key, iv, aad, sealed, step);
                    byte[] jdk = jdkDecrypt(key, iv, aad, sealed);
                    if (expectValid) {
                        assertArrayEquals(msg, streamed, id + ", step " + step);
                        assertArrayEquals(msg, jdk, id + " (JDK)");
                    } else {
                        assertEquals(null, streamed, id + " must fail in the stream, step " + step);
                        assertEquals(null, jdk, id + " must fail in the JDK");
                    }
                }
                if (expectValid) {
                    valid++;
                } else {
                    invalid++;
                }
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), valid + invalid);
        assertEquals(229, valid);
        assertEquals(87, invalid);
        assertEquals(36, counterWrap);
    }

    /** The plaintext, or {@code null} when the stream refused the input (at construction or at the tag). */
    private static byte[] streamDecrypt(byte[] key, byte[] iv, byte[] aad, byte[] sealed, int step) {
        try (InputStream in = new GcmDecryptingStream(trickle(sealed, step), key, iv, aad)) {
            return in.readAllBytes();
        } catch (GcmDecryptingStream.BadTagException | GeneralSecurityException e) {
            return null;
        } catch (IOException e) {
            fail("an unexpected I/O failure: " + e);
            return null;
        }
    }

    private static byte[] jdkDecrypt(byte[] key, byte[] iv, byte[] aad, byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            return c.doFinal(sealed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * GCM increments only the low 32 bits of its counter (inc32). A nonce that is not 12 bytes is hashed into J0, whose
     * low word can be anything; here it is made 0xFFFFFFFE on purpose (the nonce is solved for with GF(2^128)
     * inversion), so the second block's counter wraps to 0 without carrying into the upper 96 bits.
     */
    @Test
    void theCounterWrapsInItsLow32BitsLikeTheJdkCipher() throws Exception {
        Random random = new Random(7);
        byte[] key = new byte[32];
        random.nextBytes(key);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] h = ecb.doFinal(new byte[16]);
        byte[] j0 = new byte[16];
        random.nextBytes(j0);
        j0[12] = (byte) 0xFF;
        j0[13] = (byte) 0xFF;
        j0[14] = (byte) 0xFF;
        j0[15] = (byte) 0xFE;
        // J0 = ((N * H) xor L) * H for a 16-byte nonce N, L = 0^64 || [128]64; so N = ((J0 * H^-1) xor L) * H^-1
        byte[] lengths = new byte[16];
        lengths[15] = (byte) 0x80; // 128 bits
        byte[] hInverse = Gf128.inverse(h);
        byte[] nonce = Gf128.multiply(xor(Gf128.multiply(j0, hInverse), lengths), hInverse);
        assertArrayEquals(j0, Gf128.multiply(xor(Gf128.multiply(nonce, h), lengths), h), "the nonce gives that J0");

        for (int size : new int[] {17, 32, 33, 1000, 70_000}) {
            byte[] plain = new byte[size];
            random.nextBytes(plain);
            byte[] sealed = seal(key, nonce, plain);
            for (int step : new int[] {1, 16, 31, Integer.MAX_VALUE}) {
                try (InputStream in = new GcmDecryptingStream(trickle(sealed, step), key, nonce)) {
                    assertArrayEquals(plain, in.readAllBytes(), "size " + size + ", step " + step);
                }
            }
        }
    }

    @Test
    void anEmptyNonceIsRefused() {
        assertThrows(
                GeneralSecurityException.class,
                () -> new GcmDecryptingStream(new ByteArrayInputStream(new byte[32]), new byte[32], new byte[0]));
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= b[i];
        }
        return out;
    }

    /** GF(2^128) in GCM's bit order, bit by bit (SP 800-38D, algorithm 1): the slow, obvious reference. */
    static final class Gf128 {
        static byte[] multiply(byte[] x, byte[] y) {
            byte[] z = new byte[16];
            byte[] v = y.clone();
            for (int i = 0; i < 128; i++) {
                if ((x[i / 8] >> (7 - i % 8) & 1) != 0) {
                    for (int k = 0; k < 16; k++) {
                        z[k] ^= v[k];
                    }
                }
                boolean carry = (v[15] & 1) != 0;
                for (int k = 15; k > 0; k--) {
                    v[k] = (byte) ((v[k] & 0xff) >>> 1 | (v[k - 1] & 1) << 7);
                }
                v[0] = (byte) ((v[0] & 0xff) >>> 1);
                if (carry) {
                    v[0] ^= (byte) 0xE1;
                }
            }
            return z;
        }

        /** a^(2^128 - 2), the multiplicative inverse. */
        static byte[] inverse(byte[] a) {
            byte[] result = new byte[16];
            result[0] = (byte) 0x80; // the field's 1
            for (int bit = 127; bit >= 0; bit--) {
                result = multiply(result, result);
                if (bit != 0) {
                    result = multiply(result, a);
                }
            }
            byte[] check = multiply(result, a);
            byte[] one = new byte[16];
            one[0] = (byte) 0x80;
            assertArrayEquals(one, check, "a * a^-1 = 1");
            return result;
        }
    }
}
