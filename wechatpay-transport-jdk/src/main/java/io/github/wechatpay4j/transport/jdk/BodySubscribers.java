package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.http.ResponseTooLargeException;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Body subscribers that enforce the read timeout as an inactivity limit while the body arrives. The JDK client's own
 * request timeout stops at the response headers, so a peer that sends headers and then stalls would otherwise hang
 * the call for ever.
 */
final class BodySubscribers {
    private BodySubscribers() {}

    /**
     * The whole body as bytes; fails with {@link SocketTimeoutException} (the port's read timeout) after {@code idle} without new bytes, and with
     * {@link ResponseTooLargeException} (without reading further) when it is declared or grows larger than
     * {@code limit}.
     */
    static BodySubscriber<byte[]> bytes(Duration idle, long limit, long declaredLength) {
        return new Buffered(idle, limit, declaredLength);
    }

    /** The body as a stream; a read waiting longer than {@code idle} fails with {@link SocketTimeoutException} (the port's read timeout). */
    static BodySubscriber<InputStream> stream(Duration idle) {
        return new Streamed(idle);
    }

    private static final class Buffered implements BodySubscriber<byte[]> {
        private final long idleNanos;
        private final long limit;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private byte[] bytes;
        private int size;
        private volatile long lastActivity;
        private volatile Flow.Subscription subscription;

        Buffered(Duration idle, long limit, long declaredLength) {
            this.idleNanos = idle.toNanos();
            this.limit = limit;
            this.declared = declaredLength;
            // sized from Content-Length, but never more than 1 MiB up front: a peer that announces much and sends
            // little costs no more than that
            this.bytes = new byte
                    [declaredLength >= 0 && declaredLength <= limit
                            ? (int) Math.min(Math.max(declaredLength, 16), 1 << 20)
                            : 8192];
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > limit) {
                result.completeExceptionally(new ResponseTooLargeException(limit));
                s.cancel();
                return;
            }
            lastActivity = System.nanoTime();
            watch(idleNanos);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            lastActivity = System.nanoTime();
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if ((long) size + n > limit) {
                    result.completeExceptionally(new ResponseTooLargeException(limit));
                    subscription.cancel();
                    return;
                }
                if (size + n > bytes.length) {
                    long wanted = Math.min(Math.max((long) bytes.length * 2, (long) size + n), limit);
                    bytes = Arrays.copyOf(bytes, (int) wanted);
                }
                b.get(bytes, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (declared >= 0 && size < declared) {
                result.completeExceptionally(
                        new IOException("the response body ended after " + size + " of " + declared + " bytes"));
                return;
            }
            result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        /** Checks for inactivity after {@code delay}; the timer is dropped as soon as the body completes. */
        private void watch(long delayNanos) {
            CompletableFuture<Void> timer = new CompletableFuture<Void>().orTimeout(delayNanos, TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> timer.complete(null));
            timer.whenComplete((v, e) -> {
                if (e == null || result.isDone()) {
                    return;
                }
                long idle = System.nanoTime() - lastActivity;
                if (idle >= idleNanos) {
                    if (result.completeExceptionally(new SocketTimeoutException("no response bytes for "
                            + Duration.ofNanos(idleNanos).toMillis() + " ms (read timeout)"))) {
                        subscription.cancel();
                    }
                } else {
                    watch(idleNanos - idle);
                }
            });
        }
    }

    private static final class Streamed extends InputStream implements BodySubscriber<InputStream> {
        private static final Object END = new Object();
        private final long idleNanos;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private List<ByteBuffer> current = List.of();
        private int index;
        private boolean finished;
        private volatile boolean closed;

        Streamed(Duration idle) {
            this.idleNanos = idle.toNanos();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            queue.add(items);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        @Override
        public CompletionStage<InputStream> getBody() {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer buffer = next();
            if (buffer == null) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /** The next buffer with bytes left, waiting at most the read timeout; null at the end. */
        private ByteBuffer next() throws IOException {
            while (true) {
                if (closed) {
                    throw new IOException("the response stream is closed");
                }
                while (index < current.size()) {
                    ByteBuffer b = current.get(index);
                    if (b.hasRemaining()) {
                        return b;
                    }
                    index++;
                }
                if (finished) {
                    return null;
                }
                current = List.of();
                Object item;
                try {
                    item = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new java.io.InterruptedIOException("interrupted while reading the response");
                }
                if (item == null) {
                    close();
                    throw new SocketTimeoutException("no response bytes for "
                            + Duration.ofNanos(idleNanos).toMillis() + " ms (read timeout)");
                }
                if (item == END) {
                    finished = true;
                } else if (item instanceof Throwable t) {
                    finished = true;
                    throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
                } else {
                    @SuppressWarnings("unchecked")
                    List<ByteBuffer> items = (List<ByteBuffer>) item;
                    current = items;
                    index = 0;
                    // ask for the next list now, while this one is read: the selector fills it meanwhile (at most
                    // one list waits in the queue, as with the JDK's own ofInputStream)
                    subscription.request(1);
                }
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Flow.Subscription s = subscription;
                if (s != null && !finished) {
                    s.cancel();
                }
                queue.clear();
            }
        }
    }
}
