package io.github.wechatpay4j.transport.jdk;

import java.util.ArrayDeque;

/**
 * At most {@code max} asynchronous exchanges with one host at a time; the rest wait, in the order they came, and
 * start as earlier ones end. The JDK client opens a new HTTP/1.1 connection for every exchange in flight and has no
 * limit of its own, so without this a burst of 256 asynchronous calls means 256 connections (and TLS handshakes) to
 * WeChat Pay at once.
 *
 * <p>Thread-safe. Every task that {@link #submit} runs must lead to exactly one {@link #release()}, from any thread,
 * even from inside the task itself: releases are handed to whichever thread is already starting waiting tasks, so a
 * long queue of tasks that end at once (the transport was closed, say) runs in a loop, never as a deep recursion.
 */
final class InFlightLimit {
    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    // all guarded by this
    private int active;
    private int releases;
    private boolean draining;

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        this.max = max;
    }

    /** Runs {@code task} now, on this thread, if a place is free; otherwise later, when a place is released. */
    void submit(Runnable task) {
        synchronized (this) {
            if (active >= max) {
                waiting.addLast(task);
                return;
            }
            active++;
        }
        task.run();
    }

    /** Gives a place back: the oldest waiting task takes it, or it becomes free. */
    void release() {
        synchronized (this) {
            releases++;
            if (draining) {
                return; // the thread draining will hand this place on
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                if (releases == 0) {
                    draining = false;
                    return;
                }
                releases--;
                next = waiting.pollFirst();
                if (next == null) {
                    active--;
                    continue;
                }
            }
            boolean ran = false;
            try {
                next.run(); // a release() it causes, here or elsewhere, is counted and handled by this loop
                ran = true;
            } finally {
                if (!ran) { // a task that throws breaks its contract; the next release() drains what is left
                    synchronized (this) {
                        draining = false;
                    }
                }
            }
        }
    }

    /** Tasks started and not yet released. */
    synchronized int active() {
        return active - releases;
    }

    /** Tasks waiting for a place. */
    synchronized int waiting() {
        return waiting.size();
    }
}
