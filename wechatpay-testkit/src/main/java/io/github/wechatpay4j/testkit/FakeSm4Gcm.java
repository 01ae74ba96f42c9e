package io.github.wechatpay4j.testkit;

import java.util.Arrays;

/**
 * SM4 (GB/T 32907-2016) in GCM (NIST SP 800-38D), the fake's own: written from the two standards so that the fake
 * does not share an implementation with the client's {@code wechatpay-crypto-sm} module (which uses Bouncy Castle).
 * Encrypts what WeChat Pay encrypts with {@code AEAD_SM4_GCM}: notification resources and platform certificates.
 */
final class FakeSm4Gcm {
    /** The S-box of GB/T 32907-2016, table 1. */
    private static final byte[] SBOX = hex("d690e9fecce13db716b614c228fb2c052b679a762abe04c3aa44132649860699"
            + "9c4250f491ef987a33540b43edcfac62e4b31ca9c908e89580df94fa758f3fa6"
            + "4707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d35"
            + "1e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89e"
            + "eabf8ad240c738b5a3f7f2cef96115a1e0ae5da49b341a55ad933230f58cb1e3"
            + "1df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b51"
            + "8d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b0"
            + "8969974a0c96777e65b9f109c56ec68418f07dec3adc4d2079ee5f3ed7cb3948");

    private static final int[] FK = {0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc};

    private static final int TAG_BYTES = 16;

    private FakeSm4Gcm() {}

    /** {@code ciphertext || tag} of {@code plaintext} under the 16-byte {@code key}. */
    static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        int[] rk = roundKeys(key);
        byte[] h = block(rk, new byte[16]);
        byte[] j0 = j0(h, nonce);
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        ctr(rk, j0, plaintext, out, plaintext.length);
        byte[] tag = tag(rk, h, j0, aad, Arrays.copyOf(out, plaintext.length));
        System.arraycopy(tag, 0, out, plaintext.length, TAG_BYTES);
        return out;
    }

    /**
     * The plaintext of {@code ciphertext || tag}.
     *
     * @throws IllegalArgumentException when the tag does not match
     */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        if (sealed.length < TAG_BYTES) {
            throw new IllegalArgumentException("shorter than the tag");
        }
        int[] rk = roundKeys(key);
        byte[] h = block(rk, new byte[16]);
        byte[] j0 = j0(h, nonce);
        byte[] ciphertext = Arrays.copyOf(sealed, sealed.length - TAG_BYTES);
        byte[] expected = tag(rk, h, j0, aad, ciphertext);
        if (!java.security.MessageDigest.isEqual(
                expected, Arrays.copyOfRange(sealed, ciphertext.length, sealed.length))) {
            throw new IllegalArgumentException("the SM4-GCM tag does not match");
        }
        byte[] plaintext = new byte[ciphertext.length];
        ctr(rk, j0, ciphertext, plaintext, ciphertext.length);
        return plaintext;
    }

    /** One SM4 block encryption of {@code in} with the round keys {@code rk}. */
    static byte[] block(int[] rk, byte[] in) {
        int[] x = new int[36];
        for (int i = 0; i < 4; i++) {
            x[i] = word(in, 4 * i);
        }
        for (int i = 0; i < 32; i++) {
            x[i + 4] = x[i] ^ l(tau(x[i + 1] ^ x[i + 2] ^ x[i + 3] ^ rk[i]));
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 4; i++) {
            put(out, 4 * i, x[35 - i]);
        }
        return out;
    }

    /** The 32 round keys of a 16-byte key (GB/T 32907 section 7.3; CK_i's bytes are (4i + j) · 7 mod 256). */
    static int[] roundKeys(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("an SM4 key is 16 bytes");
        }
        int[] k = new int[36];
        for (int i = 0; i < 4; i++) {
            k[i] = word(key, 4 * i) ^ FK[i];
        }
        int[] rk = new int[32];
        for (int i = 0; i < 32; i++) {
            int ck = 0;
            for (int j = 0; j < 4; j++) {
                ck = ck << 8 | ((4 * i + j) * 7) & 0xff;
            }
            int b = tau(k[i + 1] ^ k[i + 2] ^ k[i + 3] ^ ck);
            k[i + 4] = k[i] ^ b ^ Integer.rotateLeft(b, 13) ^ Integer.rotateLeft(b, 23);
            rk[i] = k[i + 4];
        }
        return rk;
    }

    private static int tau(int a) {
        return (SBOX[a >>> 24] & 0xff) << 24
                | (SBOX[(a >>> 16) & 0xff] & 0xff) << 16
                | (SBOX[(a >>> 8) & 0xff] & 0xff) << 8
                | SBOX[a & 0xff] & 0xff;
    }

    private static int l(int b) {
        return b
                ^ Integer.rotateLeft(b, 2)
                ^ Integer.rotateLeft(b, 10)
                ^ Integer.rotateLeft(b, 18)
                ^ Integer.rotateLeft(b, 24);
    }

    // ------------------------------------------------------------------ GCM

    /** The pre-counter block: the nonce and 0x00000001 for 12 bytes, GHASH of the padded nonce and its length else. */
    private static byte[] j0(byte[] h, byte[] nonce) {
        if (nonce.length == 12) {
            byte[] j0 = Arrays.copyOf(nonce, 16);
            j0[15] = 1;
            return j0;
        }
        byte[] y = new byte[16];
        y = ghash(h, y, nonce);
        byte[] lengths = new byte[16];
        putLong(lengths, 8, (long) nonce.length * 8);
        return ghash(h, y, lengths);
    }

    private static void ctr(int[] rk, byte[] j0, byte[] in, byte[] out, int length) {
        byte[] counter = j0.clone();
        for (int offset = 0; offset < length; offset += 16) {
            increment(counter);
            byte[] stream = block(rk, counter);
            for (int i = 0; i < 16 && offset + i < length; i++) {
                out[offset + i] = (byte) (in[offset + i] ^ stream[i]);
            }
        }
    }

    private static byte[] tag(int[] rk, byte[] h, byte[] j0, byte[] aad, byte[] ciphertext) {
        byte[] y = ghash(h, new byte[16], aad);
        y = ghash(h, y, ciphertext);
        byte[] lengths = new byte[16];
        putLong(lengths, 0, (long) aad.length * 8);
        putLong(lengths, 8, (long) ciphertext.length * 8);
        y = ghash(h, y, lengths);
        byte[] mask = block(rk, j0);
        for (int i = 0; i < 16; i++) {
            y[i] ^= mask[i];
        }
        return y;
    }

    /** GHASH of {@code data} (zero-padded to whole blocks) continued from {@code y}. */
    private static byte[] ghash(byte[] h, byte[] y, byte[] data) {
        byte[] x = y.clone();
        for (int offset = 0; offset < data.length; offset += 16) {
            for (int i = 0; i < 16 && offset + i < data.length; i++) {
                x[i] ^= data[offset + i];
            }
            x = multiply(x, h);
        }
        return x;
    }

    /** x · h in GF(2^128) with GCM's bit order (SP 800-38D algorithm 1). */
    private static byte[] multiply(byte[] x, byte[] h) {
        long zh = 0;
        long zl = 0;
        long vh = readLong(h, 0);
        long vl = readLong(h, 8);
        for (int i = 0; i < 128; i++) {
            if ((x[i / 8] >> (7 - i % 8) & 1) != 0) {
                zh ^= vh;
                zl ^= vl;
            }
            boolean lsb = (vl & 1) != 0;
            vl = vl >>> 1 | vh << 63;
            vh = vh >>> 1;
            if (lsb) {
                vh ^= 0xe100000000000000L;
            }
        }
        byte[] z = new byte[16];
        putLong(z, 0, zh);
        putLong(z, 8, zl);
        return z;
    }

    private static void increment(byte[] counter) {
        for (int i = 15; i >= 12; i--) {
            if (++counter[i] != 0) {
                return;
            }
        }
    }

    private static int word(byte[] b, int o) {
        return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
    }

    private static void put(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    private static long readLong(byte[] b, int o) {
        return (long) word(b, o) << 32 | word(b, o + 4) & 0xffffffffL;
    }

    private static void putLong(byte[] b, int o, long v) {
        put(b, o, (int) (v >>> 32));
        put(b, o + 4, (int) v);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
