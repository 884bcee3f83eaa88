package dev.larder.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpinThenParkLockTest {

    private final SpinThenParkLock lock = new SpinThenParkLock();
    private long counter;

    @Test
    void excludesWhetherItGetsTheLockSpinningOrParked() throws Exception {
        int threads = 4;
        int perThread = 100_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    lock.lock();
                    try {
                        counter++; // a plain field: a lost update shows a lock that let two in
                    } finally {
                        lock.unlock();
                    }
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(worker.isAlive()).isFalse();
        }
        assertThat(counter).isEqualTo((long) threads * perThread);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void parksWhenTheHolderKeepsIt() throws Exception {
        lock.lock();
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            lock.lock();
            acquired.countDown();
            lock.unlock();
        });
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lock.hasQueuedThread(waiter) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(lock.hasQueuedThread(waiter)).as("the waiter parks once its spins are spent").isTrue();
        assertThat(acquired.getCount()).isEqualTo(1);
        lock.unlock();
        assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join(10_000);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
