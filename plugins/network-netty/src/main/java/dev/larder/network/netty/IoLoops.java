package dev.larder.network.netty;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;

/**
 * The I/O event loops. They differ from Netty's own in one thing: a loop with
 * no scheduled task waits for I/O without a timeout.
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

    IoLoops(int threads, IoHandlerFactory handlers) {
        super(threads, new DefaultThreadFactory("larder-io"), handlers);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory handlers, Object... args) {
        return new UntimedWhenIdle(this, executor, handlers);
    }

    private static final class UntimedWhenIdle extends SingleThreadIoEventLoop {

        UntimedWhenIdle(IoEventLoopGroup parent, Executor executor, IoHandlerFactory handlers) {
            super(parent, executor, handlers);
        }

        /** The next scheduled task's deadline, or -1 (wait without a timeout) when none is scheduled. */
        @Override
        protected long deadlineNanos() {
            return nextScheduledTaskDeadlineNanos();
        }
    }
}
