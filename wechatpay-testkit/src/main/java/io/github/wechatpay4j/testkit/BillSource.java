package io.github.wechatpay4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The content of a bill the fake server offers for download, opened once to hash it and once per download, so that
 * a bill of any size never sits in memory.
 */
@FunctionalInterface
public interface BillSource {

    /** A fresh stream over the whole bill. */
    InputStream open();

    static BillSource of(byte[] content) {
        byte[] copy = content.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static BillSource of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code size} bytes made of {@code block} repeated (the last repetition cut short), generated as read. */
    static BillSource repeating(byte[] block, long size) {
        byte[] pattern = block.clone();
        if (pattern.length == 0 || size < 0) {
            throw new IllegalArgumentException("a non-empty block and a size of zero or more are needed");
        }
        return () -> new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; ) {
                    int at = (int) ((position + i) % pattern.length);
                    int run = Math.min(n - i, pattern.length - at);
                    System.arraycopy(pattern, at, b, off + i, run);
                    i += run;
                }
                position += n;
                return n;
            }
        };
    }
}
