package dev.larder.network.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loops wait for I/O without a timeout when nothing is scheduled; what is scheduled or given still runs. */
class IoLoopsTest {

    private final IoLoops loops = new IoLoops(1, NioIoHandler.newFactory(), 200);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aTaskScheduledFromAnIdleLoopRunsWhenDue() throws Exception {
        EventLoop loop = loops.next();
        awaitIdle(loop);
        CountDownLatch ran = new CountDownLatch(1);
        long[] ranAfterNanos = new long[1];
        loop.execute(() -> {
            long scheduled = System.nanoTime();
            loop.schedule(() -> {
                ranAfterNanos[0] = System.nanoTime() - scheduled;
                ran.countDown();
            }, 50, TimeUnit.MILLISECONDS);
        });
        assertTrue(ran.await(5, TimeUnit.SECONDS), "the scheduled task never ran");
        assertTrue(ranAfterNanos[0] >= TimeUnit.MILLISECONDS.toNanos(50), "ran early: " + ranAfterNanos[0] + " ns");
    }

    @Test
    void aTaskFromAnotherThreadWakesAnIdleLoop() throws Exception {
        EventLoop loop = loops.next();
        awaitIdle(loop);
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS), "the idle loop was not woken");
    }

    @Test
    void aTaskScheduledFromAnotherThreadRuns() throws Exception {
        EventLoop loop = loops.next();
        awaitIdle(loop);
        CountDownLatch ran = new CountDownLatch(1);
        loop.schedule(ran::countDown, 20, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(5, TimeUnit.SECONDS), "the scheduled task never ran");
    }

    /** Runs one task and returns once it has, so the loop then goes back to waiting with nothing scheduled. */
    private static void awaitIdle(EventLoop loop) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        loop.execute(started::countDown);
        assertTrue(started.await(5, TimeUnit.SECONDS), "the loop did not start");
    }
}
