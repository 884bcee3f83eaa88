package dev.larder.network.netty;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;

/**
 * The I/O event loops. They differ from Netty's own in two things: a loop with
 * no scheduled task waits for I/O without a timeout, and a loop that stays busy
 * gives up its core now and then ({@link BusyYield}).
 *
 * <p>Netty 4.2's loop gives its I/O handler a deadline of "now + 1 s" when
 * nothing is scheduled, so every wait for I/O is timed: two clock readings in
 * Java and a kernel timer armed and cancelled per wait, a few percent of the
 * CPU under load. Without a scheduled task there is nothing to wake up for
 * (the deadline only bounded the purge of cancelled tasks, and there are
 * none), and a task given from another thread wakes the loop itself, so the
 * wait can be open-ended, as it was in Netty 4.1. This is why the idle sweep
 * does not schedule its rounds on these loops.
 */
final class IoLoops extends MultiThreadIoEventLoopGroup {

    /** @param yieldMicros how often a loop that stays busy gives up its core ({@link BusyYield}); 0 never */
    IoLoops(int threads, IoHandlerFactory handlers, int yieldMicros) {
        super(threads, new DefaultThreadFactory("larder-io"), handlers, yieldMicros);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory handlers, Object... args) {
        return new UntimedWhenIdle(this, executor, handlers, (Integer) args[0]);
    }

    private static final class UntimedWhenIdle extends SingleThreadIoEventLoop {

        private final BusyYield busyYield;

        UntimedWhenIdle(IoEventLoopGroup parent, Executor executor, IoHandlerFactory handlers, int yieldMicros) {
            super(parent, executor, handlers);
            this.busyYield = BusyYield.everyMicros(yieldMicros);
        }

        @Override
        protected int runIo() {
            int handled = super.runIo();
            busyYield.afterRound(handled);
            return handled;
        }

        /** The next scheduled task's deadline, or -1 (wait without a timeout) when none is scheduled. */
        @Override
        protected long deadlineNanos() {
            return nextScheduledTaskDeadlineNanos();
        }
    }
}
