package io.github.wechatpay4j.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies on a persistent connection: they end where the request ends, not where the connection does. */
final class HttpBodies {
    private HttpBodies() {}

    /** A body that knows whether it was read to its end (else the connection cannot carry another request). */
    abstract static class Body extends InputStream {
        abstract boolean exhausted();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** {@code Content-Length} bytes. */
    static final class LengthInput extends Body {
        private final InputStream in;
        private long remaining;

        LengthInput(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the connection closed " + remaining + " bytes before the body's end");
            }
            remaining -= n;
            return n;
        }

        @Override
        boolean exhausted() {
            return remaining <= 0;
        }
    }

    /** {@code Transfer-Encoding: chunked}: size lines, data, and a last chunk with optional trailers. */
    static final class ChunkedInput extends Body {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = line();
                int semicolon = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size: " + size);
                }
                if (chunkLeft == 0) {
                    while (!line().isEmpty()) {
                        // trailers are ignored
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !line().isEmpty()) {
                throw new IOException("a chunk is not followed by CRLF");
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    return sb.toString().strip();
                }
                sb.append((char) c);
                if (sb.length() > 8192) {
                    throw new IOException("a chunk line is too long");
                }
            }
            throw new EOFException("the connection closed inside a chunked body");
        }

        @Override
        boolean exhausted() {
            return done;
        }
    }
}
