package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.DownloadException.Reason;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A bill body from the wire to checked plaintext: every way the bytes can be wrong ends in its own reason. */
class DownloadBodyTest {
    private static final byte[] KEY = "0123456789abcdefghijABCDEFGHIJ01".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NONCE =
            "abcdefghijklmnop".getBytes(StandardCharsets.UTF_8); // 16 characters, as in the spec's example

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] seal(byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, NONCE));
        return c.doFinal(data);
    }

    static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    private static Reason failure(byte[] wire, DownloadBody.Expected expected, ByteArrayOutputStream out) {
        return assertThrows(
                        DownloadException.class, () -> DownloadBody.copy(new ByteArrayInputStream(wire), expected, out))
                .reason();
    }

    /** Issue 17, item 1, as the review reproduced it: random gzipped bills whose tag is zeroed were all accepted. */
    @Test
    void gzippedEncryptedBillsWithAZeroedTagAreAllRefused() throws Exception {
        Random random = new Random(300);
        for (int i = 0; i < 300; i++) {
            byte[] plain = new byte[1 + random.nextInt(100_000)];
            random.nextBytes(plain);
            byte[] wire = seal(gzip(plain));
            Arrays.fill(wire, wire.length - 16, wire.length, (byte) 0);
            if (i % 2 == 1) { // and 1 MiB of junk after it
                wire = Arrays.copyOf(wire, wire.length + (1 << 20));
            }
            assertEquals(
                    Reason.BAD_TAG,
                    failure(
                            wire,
                            new DownloadBody.Expected(sha1(plain), true, KEY, NONCE, Long.MAX_VALUE),
                            new ByteArrayOutputStream()),
                    "bill " + i);
        }
    }

    @Test
    void everyLayerIsReadToTheEndAndChecked() throws Exception {
        byte[] plain = "`2026-11-22,`100.00\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        String hash = sha1(plain);
        byte[] gzipped = gzip(plain);
        DownloadBody.Expected plainGzip = new DownloadBody.Expected(hash, true, null, null, Long.MAX_VALUE);
        DownloadBody.Expected encryptedGzip = new DownloadBody.Expected(hash, true, KEY, NONCE, Long.MAX_VALUE);
        DownloadBody.Expected encrypted = new DownloadBody.Expected(hash, false, KEY, NONCE, Long.MAX_VALUE);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(plain.length, DownloadBody.copy(new ByteArrayInputStream(seal(gzipped)), encryptedGzip, out));
        assertArrayEquals(plain, out.toByteArray());

        byte[] sealed = seal(gzipped);
        assertEquals(
                Reason.BAD_TAG,
                failure(Arrays.copyOf(sealed, sealed.length - 1), encryptedGzip, out),
                "a truncated tag");
        assertEquals(
                Reason.BAD_TAG,
                failure(Arrays.copyOf(sealed, sealed.length + 100), encryptedGzip, out),
                "bytes after the tag");
        byte[] flipped = sealed.clone();
        flipped[sealed.length / 2] ^= 1;
        assertEquals(Reason.BAD_TAG, failure(flipped, encryptedGzip, out), "a flipped ciphertext bit");
        byte[] sealedPlain = seal(plain);
        byte[] amount = sealedPlain.clone();
        amount[13] ^= '1' ^ '9'; // CTR is malleable: "100.00" becomes "900.00" in the plaintext
        assertEquals(Reason.BAD_TAG, failure(amount, encrypted, out), "a chosen change");

        assertEquals(
                Reason.CORRUPT_GZIP,
                failure(Arrays.copyOf(gzipped, gzipped.length + 3), plainGzip, out),
                "bytes after the gzip data");
        assertEquals(
                Reason.CORRUPT_GZIP,
                failure(Arrays.copyOf(gzipped, gzipped.length - 4), plainGzip, out),
                "a truncated trailer");
        assertEquals(
                Reason.CORRUPT_GZIP,
                failure(seal(Arrays.copyOf(gzipped, gzipped.length + 3)), encryptedGzip, out),
                "authentic (the tag is right) but the gzip data is followed by other bytes");
        assertEquals(
                Reason.TOO_LARGE,
                failure(seal(gzipped), new DownloadBody.Expected(hash, true, KEY, NONCE, plain.length - 1), out));
        assertEquals(
                Reason.HASH_MISMATCH,
                failure(
                        seal(gzipped),
                        new DownloadBody.Expected(sha1(new byte[0]), true, KEY, NONCE, plain.length),
                        out),
                "exactly at the limit is fine; then the hash");
    }

    @Test
    void theFirstMutatedByteIsWhereAnUnverifiedCopyWouldHaveGoneWrong() throws Exception {
        byte[] plain = "`2026-11-22,`100.00\n".getBytes(StandardCharsets.UTF_8);
        byte[] wire = seal(plain);
        wire[13] ^= '1' ^ '9';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(
                Reason.BAD_TAG,
                failure(wire, new DownloadBody.Expected(sha1(plain), false, KEY, NONCE, Long.MAX_VALUE), out));
        // DownloadBody itself streams (the file and stream variants of downloadBill keep it away from the caller):
        // what it wrote is the attacker's chosen amount, which is why nothing may act on it before it returns
        assertEquals("`2026-11-22,`900.00\n", out.toString(StandardCharsets.UTF_8));
    }
}
