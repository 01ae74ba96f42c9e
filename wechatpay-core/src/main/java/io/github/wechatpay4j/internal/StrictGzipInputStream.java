package io.github.wechatpay4j.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Un-gzips (RFC 1952) and reads its source <em>to the end</em>: one member or several in a row, each header, CRC-32
 * and length checked, and anything after the last member that is not another member is a {@link ZipException}.
 * The JDK's {@code GZIPInputStream} stops after a member when its source reports nothing {@code available()} and
 * ignores bytes after it that do not look like a header; for a download that is wrong twice: a layer underneath that
 * checks something at its end (an AES-GCM tag) is never asked to, and bytes nobody checked pass silently.
 */
public final class StrictGzipInputStream extends InputStream {
    private static final int RESERVED_FLAGS = 0xE0; // reserved flag bits must be zero
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] one = new byte[1];
    private int position;
    private int limit;
    private boolean inMember;
    private boolean eof;
    private boolean closed;
    private long members;

    public StrictGzipInputStream(InputStream in) {
        this.in = Objects.requireNonNull(in);
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
        if (closed) {
            throw new IOException("the gzip stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (!inMember) {
                startMember();
                continue;
            }
            if (inflater.needsInput()) {
                if (position == limit && !fill()) {
                    throw new EOFException("the gzip stream ends inside a member (truncated)");
                }
                inflater.setInput(buffer, position, limit - position);
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("the gzip data is corrupt: " + e.getMessage());
            }
            position = limit - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("the gzip data asks for a preset dictionary, which gzip does not have");
            }
        }
        return -1;
    }

    /** Reads a member header, or notices the clean end of the stream after at least one member. */
    private void startMember() throws IOException {
        int first = nextByte();
        if (first < 0) {
            if (members == 0) {
                throw new EOFException("the gzip stream is empty");
            }
            eof = true; // the source ended right after a member: everything was read and checked
            return;
        }
        headerCrc.reset();
        headerCrc.update(first);
        if (first != 0x1f || headerByte() != 0x8b) {
            throw new ZipException(
                    members == 0 ? "not gzip data (no gzip header)" : "bytes follow the end of the gzip data");
        }
        if (headerByte() != 8) {
            throw new ZipException("the gzip member does not use deflate");
        }
        int flags = headerByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ZipException("the gzip header has reserved flags set");
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte() | headerByte() << 8;
            for (int i = 0; i < length; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // the original file name, zero-terminated
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // a comment, zero-terminated
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) headerCrc.getValue() & 0xffff;
            if ((byteOrEof() | byteOrEof() << 8) != expected) {
                throw new ZipException("the gzip header checksum does not match");
            }
        }
        inflater.reset();
        crc.reset();
        inMember = true;
    }

    /** Checks the trailer: CRC-32 and length (mod 2^32) of the member's data. */
    private void endMember() throws IOException {
        long expectedCrc = trailerWord();
        long expectedSize = trailerWord();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("the gzip data's CRC-32 does not match (corrupt data)");
        }
        if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("the gzip data's length does not match (corrupt data)");
        }
        inMember = false;
        members++;
    }

    private long trailerWord() throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) byteOrEof() << (8 * i);
        }
        return value;
    }

    private int headerByte() throws IOException {
        int b = byteOrEof();
        headerCrc.update(b);
        return b;
    }

    private int byteOrEof() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw new EOFException("the gzip stream ends inside a header or trailer (truncated)");
        }
        return b;
    }

    private int nextByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
