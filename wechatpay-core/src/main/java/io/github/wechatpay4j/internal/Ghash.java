package io.github.wechatpay4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GHASH, GCM's universal hash (NIST SP 800-38D, 6.4), with Shoup's 4-bit tables: 16 multiples of H are computed once
 * and each block is multiplied four bits at a time, a reduction table folding the bits shifted out. This is the
 * classic table layout (as in mbed TLS's {@code gcm_mult}), about ten times faster than multiplying bit by bit.
 * Blocks are absorbed as they come; partial blocks are kept until the next call or {@link #padToBlock()}.
 */
final class Ghash {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** x^-4 reductions of the 4 bits shifted out at each step, already placed in the top 16 bits. */
    private static final long[] LAST4 = {
        0x0000L << 48, 0x1c20L << 48, 0x3840L << 48, 0x2460L << 48,
        0x7080L << 48, 0x6ca0L << 48, 0x48c0L << 48, 0x54e0L << 48,
        0xe100L << 48, 0xfd20L << 48, 0xd940L << 48, 0xc560L << 48,
        0x9180L << 48, 0x8da0L << 48, 0xa9c0L << 48, 0xb5e0L << 48
    };

    private final long[] hh = new long[16];
    private final long[] hl = new long[16];
    private final byte[] partial = new byte[16];
    private int fill;
    private long yHi;
    private long yLo;

    /** @param h the hash key, {@code AES_K(0^128)} */
    Ghash(byte[] h) {
        long vh = (long) LONG.get(h, 0);
        long vl = (long) LONG.get(h, 8);
        hh[8] = vh;
        hl[8] = vl;
        for (int i = 4; i > 0; i >>= 1) { // H * x, H * x^2, H * x^3 in GCM's reflected bit order
            long reduce = (vl & 1) * 0xE100000000000000L;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ reduce;
            hh[i] = vh;
            hl[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2) { // every other entry is a sum of those four
            for (int j = 1; j < i; j++) {
                hh[i + j] = hh[i] ^ hh[j];
                hl[i + j] = hl[i] ^ hl[j];
            }
        }
    }

    /** Absorbs {@code len} bytes; a trailing partial block waits for more. */
    void update(byte[] data, int off, int len) {
        if (fill > 0) {
            int take = Math.min(16 - fill, len);
            System.arraycopy(data, off, partial, fill, take);
            fill += take;
            off += take;
            len -= take;
            if (fill < 16) {
                return;
            }
            absorb((long) LONG.get(partial, 0), (long) LONG.get(partial, 8));
            fill = 0;
        }
        for (; len >= 16; off += 16, len -= 16) {
            absorb((long) LONG.get(data, off), (long) LONG.get(data, off + 8));
        }
        if (len > 0) {
            System.arraycopy(data, off, partial, 0, len);
            fill = len;
        }
    }

    /** Completes a partial block with zeros (the padding between AAD, ciphertext and the length block). */
    void padToBlock() {
        if (fill > 0) {
            java.util.Arrays.fill(partial, fill, 16, (byte) 0);
            absorb((long) LONG.get(partial, 0), (long) LONG.get(partial, 8));
            fill = 0;
        }
    }

    /** Absorbs one whole block given as two big-endian halves (the length block). */
    void block(long hi, long lo) {
        padToBlock();
        absorb(hi, lo);
    }

    /** The hash so far, as 16 bytes. */
    byte[] value() {
        byte[] out = new byte[16];
        LONG.set(out, 0, yHi);
        LONG.set(out, 8, yLo);
        return out;
    }

    /** Y = (Y xor X) * H, four bits at a time from the last byte to the first. */
    private void absorb(long xHi, long xLo) {
        xHi ^= yHi;
        xLo ^= yLo;
        int last = (int) xLo & 0xf;
        long zh = hh[last];
        long zl = hl[last];
        boolean first = true;
        for (int half = 0; half < 2; half++) {
            long x = half == 0 ? xLo : xHi;
            for (int shift = 0; shift < 64; shift += 8) {
                int b = (int) (x >>> shift) & 0xff;
                if (!first) {
                    int rem = (int) zl & 0xf;
                    zl = (zh << 60) | (zl >>> 4);
                    zh = (zh >>> 4) ^ LAST4[rem] ^ hh[b & 0xf];
                    zl ^= hl[b & 0xf];
                }
                first = false;
                int rem = (int) zl & 0xf;
                zl = (zh << 60) | (zl >>> 4);
                zh = (zh >>> 4) ^ LAST4[rem] ^ hh[b >>> 4];
                zl ^= hl[b >>> 4];
            }
        }
        yHi = zh;
        yLo = zl;
    }
}
