package io.github.wechatpay4j.transport.jdk;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightLimitTest {

    @Test
    void waitingTasksStartInOrderAsPlacesAreReleased() {
        InFlightLimit limit = new InFlightLimit(2);
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            limit.submit(() -> started.add(n));
        }
        assertEquals(List.of(0, 1), started);
        assertEquals(2, limit.active());
        assertEquals(3, limit.waiting());
        limit.release();
        assertEquals(List.of(0, 1, 2), started, "a release hands its place to the oldest waiting task");
        limit.release();
        limit.release();
        assertEquals(List.of(0, 1, 2, 3, 4), started);
        assertEquals(2, limit.active());
        limit.release();
        limit.release();
        assertEquals(0, limit.active());
        assertEquals(0, limit.waiting());
    }

    @Test
    void aLongQueueOfTasksThatEndAtOnceRunsInALoopNotARecursion() {
        InFlightLimit limit = new InFlightLimit(1);
        AtomicInteger ran = new AtomicInteger();
        limit.submit(ran::incrementAndGet); // holds the one place
        int queued = 200_000; // deep enough to overflow any stack if each release started the next recursively
        for (int i = 0; i < queued; i++) {
            limit.submit(() -> {
                ran.incrementAndGet();
                limit.release(); // ends at once, from inside the task: a closed transport, a cancelled call
            });
        }
        limit.release();
        assertEquals(queued + 1, ran.get());
        assertEquals(0, limit.active());
        assertEquals(0, limit.waiting());
    }

    @Test
    void neverMoreThanMaxAtOnceUnderConcurrentSubmitsAndReleases() throws Exception {
        int max = 3;
        InFlightLimit limit = new InFlightLimit(max);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int tasks = 20_000;
        CountDownLatch done = new CountDownLatch(tasks);
        ConcurrentLinkedQueue<Runnable> releases = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    for (int i = 0; i < tasks / 4; i++) {
                        limit.submit(() -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            releases.add(() -> {
                                inside.decrementAndGet();
                                done.countDown();
                                limit.release();
                            });
                        });
                        Runnable r = releases.poll(); // end someone's exchange, from another thread than its own
                        if (r != null) {
                            r.run();
                        }
                    }
                });
            }
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard, not a timing check
            while (done.getCount() > 0) {
                Runnable r = releases.poll();
                if (r != null) {
                    r.run();
                } else if (System.nanoTime() > giveUp) {
                    throw new AssertionError("stuck: " + done.getCount() + " tasks never ended");
                } else {
                    Thread.onSpinWait();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(most.get() <= max, "at most " + max + " at once, saw " + most.get());
        assertEquals(0, limit.active());
        assertEquals(0, limit.waiting());
    }

    @Test
    void aLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0));
    }
}
