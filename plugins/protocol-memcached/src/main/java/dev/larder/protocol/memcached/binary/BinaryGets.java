package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.Connection;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.ItemVisitor;
import io.netty.buffer.ByteBuf;

/**
 * GET, GAT and TOUCH with their quiet and key forms, for one connection. A
 * plain get is one lookup that allocates nothing: a small value is copied while
 * the store holds the item, a value sent by reference comes back pinned from the
 * same lookup and is chained after its header.
 */
final class BinaryGets implements ItemVisitor {

    private final ItemStore store;
    private final CommandCounters counters;
    private final Packet p;
    /** The request being served, while the store visits its item. */
    private Connection connection;
    private boolean withKey;

    BinaryGets(ItemStore store, CommandCounters counters, Packet p) {
        this.store = store;
        this.counters = counters;
        this.p = p;
    }

    void get(Connection c, boolean withKey, boolean quiet) {
        this.connection = c;
        this.withKey = withKey;
        try {
            boolean hit = store.read(p.in, p.keyStart(), p.keyLength, this);
            countGet(hit);
            if (!hit) {
                answerMiss(c, withKey, quiet);
            }
        } finally {
            this.connection = null;
        }
    }

    /** GAT: a get that also sets the item's expiry, from the request's extras. */
    void getAndTouch(Connection c, boolean withKey, boolean quiet) {
        Item item = store.getAndTouch(p.key(), p.extraInt(0) & 0xFFFFFFFFL);
        countGet(item != null);
        counters.touch(item != null);
        if (item == null) {
            answerMiss(c, withKey, quiet);
        } else {
            answerHit(c, item, withKey);
        }
    }

    /** Touch answers with the item's flags and CAS, and no value, as memcached does. */
    void touch(Connection c) {
        Item item = store.getAndTouch(p.key(), p.extraInt(0) & 0xFFFFFFFFL);
        counters.touch(item != null);
        if (item == null) {
            Responses.error(c, p, Status.KEY_NOT_FOUND);
            return;
        }
        item.value().release();
        Responses.start(c, p, Status.SUCCESS, 4, 0, 0, item.cas()).writeInt(item.flags());
    }

    @Override
    public boolean visit(int flags, long cas, ByteBuf source, int index, int length) {
        if (connection.sendsByReference(length)) {
            return false;
        }
        int keyLength = withKey ? p.keyLength : 0;
        ByteBuf out = Responses.start(connection, p, Status.SUCCESS, 4, keyLength, length, cas);
        out.writeInt(flags);
        out.writeBytes(p.in, p.keyStart(), keyLength);
        connection.copyValue(out, source, index, length);
        return true;
    }

    @Override
    public void pinned(Item item) {
        answerHit(connection, item, withKey);
    }

    private void countGet(boolean hit) {
        counters.get(hit);
        if (counters.detail.enabled()) {
            counters.detail.get(p.in, p.keyStart(), p.keyLength, hit);
        }
    }

    /** The found item's flags, key (for the K forms) and value, copied or chained; releases the item. */
    private void answerHit(Connection c, Item item, boolean withKey) {
        ByteBuf value = item.value();
        try {
            int keyLength = withKey ? p.keyLength : 0;
            boolean byReference = c.sendsByReference(value);
            ByteBuf out = Responses.start(c, p, Status.SUCCESS, 4, keyLength, value.readableBytes(),
                    byReference ? 0 : value.readableBytes(), item.cas());
            out.writeInt(item.flags());
            out.writeBytes(p.in, p.keyStart(), keyLength);
            if (byReference) {
                c.chain(value.retainedSlice());
            } else {
                c.copyValue(out, value);
            }
        } finally {
            value.release();
        }
    }

    /** A miss: nothing for the quiet forms, else KEY_NOT_FOUND, with the key for GETK. */
    private void answerMiss(Connection c, boolean withKey, boolean quiet) {
        if (quiet) {
            return;
        }
        if (withKey) {
            Responses.start(c, p, Status.KEY_NOT_FOUND, 0, p.keyLength, 0, 0).writeBytes(p.in, p.keyStart(), p.keyLength);
        } else {
            Responses.error(c, p, Status.KEY_NOT_FOUND);
        }
    }
}
