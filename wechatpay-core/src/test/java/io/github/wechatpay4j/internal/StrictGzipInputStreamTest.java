package io.github.wechatpay4j.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 1952 read strictly: what the JDK's GZIPInputStream reads, it reads; what follows the data, it refuses. */
class StrictGzipInputStreamTest {

    private static byte[] read(byte[] gzip, int step) throws IOException {
        InputStream source = new ByteArrayInputStream(gzip) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
        try (InputStream in = new StrictGzipInputStream(source)) {
            if (step != 1) {
                return in.readAllBytes();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
            }
            return out.toByteArray();
        }
    }

    /** A member written by hand, with the optional header fields the flags ask for. */
    private static byte[] member(byte[] data, int flags) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if ((flags & 4) != 0) {
            out.write(new byte[] {3, 0, 'a', 'b', 'c'});
        }
        if ((flags & 8) != 0) {
            out.write("bill.csv\0".getBytes(StandardCharsets.UTF_8));
        }
        if ((flags & 16) != 0) {
            out.write("a comment\0".getBytes(StandardCharsets.UTF_8));
        }
        if ((flags & 2) != 0) {
            CRC32 crc = new CRC32();
            crc.update(out.toByteArray());
            out.write((int) crc.getValue() & 0xff);
            out.write((int) crc.getValue() >>> 8 & 0xff);
        }
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(6, true))) {
            deflate.write(data);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        for (long v : new long[] {crc.getValue(), data.length}) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsWhatGzipWritesWithEveryHeaderFieldAndSeveralMembers() throws Exception {
        Random random = new Random(1952);
        for (int size : new int[] {0, 1, 1000, 200_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            for (int step : new int[] {1, 3, 8192, Integer.MAX_VALUE}) {
                if (step == 1 && size > 1000) {
                    continue;
                }
                assertArrayEquals(data, read(DownloadBodyTest.gzip(data), step), size + "/" + step);
                assertArrayEquals(data, read(member(data, 2 | 4 | 8 | 16), step), "all header fields");
                assertArrayEquals(
                        concat(data, data),
                        read(concat(member(data, 0), member(data, 8)), step),
                        "two members in a row");
            }
        }
    }

    @Test
    void anythingElseIsAZipExceptionOrAnEndOfFile() throws Exception {
        byte[] data = "`2026-11-22,`1.00\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] good = member(data, 0);
        ZipException trailing = assertThrows(ZipException.class, () -> read(concat(good, new byte[] {0}), 8192));
        assertTrue(trailing.getMessage().contains("follow the end"), trailing.getMessage());
        assertThrows(ZipException.class, () -> read(concat(good, new byte[] {0x1f, 0x00}), 8192));
        assertThrows(EOFException.class, () -> read(concat(good, new byte[] {0x1f}), 8192), "a header cut short");
        assertThrows(ZipException.class, () -> read("not gzip".getBytes(StandardCharsets.UTF_8), 8192));
        assertThrows(EOFException.class, () -> read(new byte[0], 8192), "empty");
        for (int cut : new int[] {1, 4, 8, good.length / 2, good.length - 9}) {
            assertThrows(EOFException.class, () -> read(Arrays.copyOf(good, good.length - cut), 8192), "cut " + cut);
        }
        byte[] badCrc = good.clone();
        badCrc[good.length - 8] ^= 1;
        assertThrows(ZipException.class, () -> read(badCrc, 8192));
        byte[] badLength = good.clone();
        badLength[good.length - 4] ^= 1;
        assertThrows(ZipException.class, () -> read(badLength, 8192));
        byte[] reserved = good.clone();
        reserved[3] = (byte) 0x20;
        assertThrows(ZipException.class, () -> read(reserved, 8192));
        byte[] headerCrc = member(data, 2 | 8);
        headerCrc[12] ^= 1; // inside the file name
        assertThrows(ZipException.class, () -> read(headerCrc, 8192));
        byte[] notDeflate = good.clone();
        notDeflate[2] = 7;
        assertThrows(ZipException.class, () -> read(notDeflate, 8192));
        byte[] corrupt = good.clone();
        corrupt[10] = (byte) 0xff; // an invalid deflate block type
        assertThrows(ZipException.class, () -> read(corrupt, 8192));
    }
}
