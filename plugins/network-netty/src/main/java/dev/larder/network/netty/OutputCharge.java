package dev.larder.network.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.LongSupplier;

/**
 * What one connection's pending output is charged to the server's
 * {@link OutputBudget} (nothing while it is under the free part), and, while it
 * is charged, a watch on it draining: a marker queued behind the output that,
 * once written, charges again and lets a connection held back for the budget go on.
 */
final class OutputCharge {

    private final OutputBudget budget;
    private final LongSupplier pending;
    private final Runnable drained;
    private ChannelHandlerContext ctx;
    private long charged;
    /** A marker is queued behind the output. */
    private boolean watched;

    /** {@code pending} tells what waits to be written; {@code drained} runs when a watched part of it has gone. */
    OutputCharge(OutputBudget budget, LongSupplier pending, Runnable drained) {
        this.budget = budget;
        this.pending = pending;
        this.drained = drained;
    }

    void attach(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Charges what waits now, and watches it drain while it is charged. */
    void account() {
        long charge = OutputBudget.chargeFor(pending.getAsLong());
        budget.change(charge - charged);
        charged = charge;
        if (charge > 0) {
            watchDrain();
        }
    }

    /**
     * Queues the marker. Handled as a task of its own: the marker may go at once,
     * in the middle of a round of serving.
     */
    void watchDrain() {
        if (watched || !ctx.channel().isActive()) {
            return;
        }
        watched = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> ctx.executor().execute(() -> {
            watched = false;
            account();
            drained.run();
        }));
    }

    /** The connection closed: its charge goes back. */
    void release() {
        budget.change(-charged);
        charged = 0;
    }
}
