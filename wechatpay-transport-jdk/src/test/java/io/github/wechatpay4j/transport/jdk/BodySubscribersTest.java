package io.github.wechatpay4j.transport.jdk;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The streamed body's demand on the JDK client: what it asks for decides both throughput and memory. */
class BodySubscribersTest {

    /** Counts what the subscriber asks for, as the JDK client's subscription would. */
    private static final class Demand implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static List<ByteBuffer> list(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return List.of(ByteBuffer.wrap(b));
    }

    @Test
    void theNextListIsAskedForWhileTheCurrentOneIsReadAndNoFurther() throws Exception {
        BodySubscriber<InputStream> subscriber = BodySubscribers.stream(Duration.ofSeconds(5));
        Demand demand = new Demand();
        subscriber.onSubscribe(demand);
        assertEquals(1, demand.requested.get(), "one list asked for before anything is read");
        InputStream in = subscriber.getBody().toCompletableFuture().get();

        subscriber.onNext(list(1, 2, 3));
        assertEquals(1, in.read());
        assertEquals(2, demand.requested.get(), "the second list is asked for as soon as the first is taken");
        subscriber.onNext(list(4, 5)); // the selector delivers it while the first is still being read
        assertEquals(2, in.read());
        assertEquals(3, in.read());
        assertEquals(2, demand.requested.get(), "reading the rest of the first list asks for nothing more");

        byte[] rest = new byte[8];
        assertEquals(2, in.read(rest, 0, rest.length));
        assertArrayEquals(new byte[] {4, 5}, java.util.Arrays.copyOf(rest, 2));
        assertEquals(3, demand.requested.get(), "taking the second list asks for the third: one ahead, never more");
        subscriber.onComplete();
        assertEquals(-1, in.read());
        assertEquals(3, demand.requested.get());
        assertFalse(demand.cancelled, "a body read to its end is not cancelled");
    }

    @Test
    void closingBeforeTheEndCancelsTheExchange() throws Exception {
        BodySubscriber<InputStream> subscriber = BodySubscribers.stream(Duration.ofSeconds(5));
        Demand demand = new Demand();
        subscriber.onSubscribe(demand);
        InputStream in = subscriber.getBody().toCompletableFuture().get();
        subscriber.onNext(list(7, 8));
        assertEquals(7, in.read());
        in.close();
        assertEquals(true, demand.cancelled, "closing early gives the connection back instead of reading on");
    }
}
