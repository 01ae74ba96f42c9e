package io.github.wechatpay4j.testkit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * The end of a bill download as the faults want it: holds back the last 16 bytes (an encrypted bill's AES-GCM tag)
 * and, when the download is complete, sends them zeroed, cut to 8, or followed by 1 MiB of random bytes. Closing it
 * flushes but does not close the stream below (the exchange's body is closed by the server).
 */
final class BillTail extends FilterOutputStream {
    private static final int TAIL = 16;
    private static final int JUNK = 1 << 20;

    private final boolean zeroTag;
    private final boolean cutTag;
    private final boolean junk;
    private final byte[] tail = new byte[TAIL];
    private int held;

    BillTail(OutputStream out, boolean zeroTag, boolean cutTag, boolean junk) {
        super(out);
        this.zeroTag = zeroTag;
        this.cutTag = cutTag;
        this.junk = junk;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (held + len <= TAIL) {
            System.arraycopy(b, off, tail, held, len);
            held += len;
            return;
        }
        int release = held + len - TAIL; // bytes that can no longer be part of the last 16
        int fromTail = Math.min(release, held);
        out.write(tail, 0, fromTail);
        System.arraycopy(tail, fromTail, tail, 0, held - fromTail);
        held -= fromTail;
        out.write(b, off, release - fromTail);
        System.arraycopy(b, off + release - fromTail, tail, held, len - (release - fromTail));
        held += len - (release - fromTail);
    }

    @Override
    public void close() throws IOException {
        if (zeroTag) {
            Arrays.fill(tail, 0, held, (byte) 0);
        }
        out.write(tail, 0, cutTag ? Math.max(0, held - TAIL / 2) : held);
        if (junk) {
            byte[] random = new byte[JUNK];
            new Random(held).nextBytes(random);
            out.write(random);
        }
        out.flush();
    }
}
