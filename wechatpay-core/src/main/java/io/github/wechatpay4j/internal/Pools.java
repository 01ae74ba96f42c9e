package io.github.wechatpay4j.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the SDK creates when it is given none: a work pool for the CPU work of asynchronous calls, which starts
 * no thread until used and lets its threads end when idle (an idle client holds none), and a scheduler for
 * certificate refreshes. Daemon threads, named after their owner.
 */
public final class Pools {
    /** How long an idle thread waits for work before it ends. */
    static final long KEEP_ALIVE_SECONDS = 30;

    private Pools() {}

    /**
     * A pool of up to one thread per processor for CPU work (preparing, signing, verifying and reading answers);
     * tasks beyond that wait in an unbounded queue, as the calls they belong to are already bounded by their caller.
     */
    public static ThreadPoolExecutor work(String owner) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemons("wechatpay4j-work-" + owner + "-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A one-thread scheduler for certificate refreshes, its thread started by the first refresh scheduled (a
     * scheduler's thread cannot end while a task is pending without leaving that task unrun).
     */
    public static ScheduledExecutorService refreshScheduler(String owner) {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, r -> daemon(r, "wechatpay4j-certificates-" + owner));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> daemon(r, prefix + count.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
