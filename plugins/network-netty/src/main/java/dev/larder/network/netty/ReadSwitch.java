package dev.larder.network.netty;

import io.netty.channel.ChannelConfig;

/**
 * Whether a connection reads its socket. It does not while it has yielded its
 * turn (fair sharing: memcached does not read a connection it has put back in
 * its queue) nor while it is held back (its client does not read, or memory is
 * short): what the client sends meanwhile waits in the kernel's socket buffer,
 * so a connection holds at most the request it is on and one read.
 */
final class ReadSwitch {

    private final ChannelConfig config;
    private boolean yielded;
    private boolean heldBack;

    ReadSwitch(ChannelConfig config) {
        this.config = config;
    }

    boolean yielded() {
        return yielded;
    }

    boolean heldBack() {
        return heldBack;
    }

    /** Neither yielded nor held back: the connection may serve. */
    boolean open() {
        return !yielded && !heldBack;
    }

    void yielded(boolean now) {
        yielded = now;
        apply();
    }

    /**
     * Ends a yield: runs {@code serve} first, then reads again, unless serving
     * yielded or held back once more (then reading never went on and off).
     */
    void endYield(Runnable serve) {
        yielded = false;
        serve.run();
        apply();
    }

    void heldBack(boolean now) {
        heldBack = now;
        apply();
    }

    private void apply() {
        // Each change is a system call (epoll_ctl): only when reading must actually start or stop.
        boolean read = open();
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
        }
    }
}
