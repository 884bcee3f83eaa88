package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemVisitor;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * memcached's binary protocol for one connection: each call serves one whole
 * request packet, read in place from the input, with one reservation per
 * response. Quiet variants answer only errors (and gets not even misses), so a
 * pipeline of them goes out in the same flush as the request that ends it.
 */
final class BinarySession implements ProtocolSession {

    private static final int MAX_KEY_LENGTH = 250;
    /** "Create with the initial value" is off when incr/decr's expiry is all ones. */
    private static final long NO_CREATE = 0xFFFFFFFFL;
    private static final byte[] PLAIN = "PLAIN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTHENTICATED = "Authenticated".getBytes(StandardCharsets.US_ASCII);

    private final ItemStore store;
    private final long maxItemSize;
    private final byte[] version;
    private final GeneralStats stats;
    private final CommandCounters counters;
    private final Packet p = new Packet();
    private final CopiedGet copiedGet = new CopiedGet();
    private final Authenticator authenticator;
    private final boolean flushEnabled;
    /** Always true when authentication is off. */
    private boolean authenticated;
    /** Bytes of a refused value still to be read and thrown away. */
    private long swallowing;

    BinarySession(ItemStore store, long maxItemSize, byte[] version, GeneralStats stats, Authenticator authenticator) {
        this(store, maxItemSize, version, stats, authenticator, true);
    }

    BinarySession(ItemStore store, long maxItemSize, byte[] version, GeneralStats stats, Authenticator authenticator,
                  boolean flushEnabled) {
        this.flushEnabled = flushEnabled;
        this.authenticator = authenticator;
        this.authenticated = !authenticator.enabled();
        this.store = store;
        this.maxItemSize = maxItemSize;
        this.version = version;
        this.stats = stats;
        this.counters = stats.counters();
    }

    @Override
    public String protocolName() {
        return "binary";
    }

    @Override
    public Outcome serveOne(Connection c) {
        ByteBuf in = c.input();
        if (swallowing > 0) {
            int n = (int) Math.min(swallowing, in.readableBytes());
            in.skipBytes(n);
            swallowing -= n;
            return swallowing > 0 ? Outcome.NEEDS_INPUT : Outcome.SERVED;
        }
        if (in.readableBytes() < Packet.HEADER) {
            return Outcome.NEEDS_INPUT;
        }
        if (in.getUnsignedByte(in.readerIndex()) != Packet.REQUEST_MAGIC) {
            return Outcome.CLOSE; // memcached drops a connection that loses the packet boundaries
        }
        if (!p.read(in, in.readerIndex()) || p.keyLength + p.extrasLength > p.bodyLength
                || p.keyLength > MAX_KEY_LENGTH) {
            // Lengths that cannot be: the packet boundaries are lost, as memcached judges it.
            Responses.error(c, p, Status.INVALID_ARGUMENTS);
            return Outcome.CLOSE;
        }
        boolean whole = in.readableBytes() >= Packet.HEADER + p.bodyLength;
        Status refusal = p.valueLength() > maxItemSize ? Status.TOO_LARGE
                // As memcached when it cannot allocate the item.
                : !whole && !c.reserveInput(Packet.HEADER + p.bodyLength) ? Status.OUT_OF_MEMORY : null;
        if (refusal != null) {
            return refuse(c, refusal);
        }
        if (!whole) {
            return Outcome.NEEDS_INPUT;
        }
        Outcome outcome = dispatch(c);
        in.readerIndex(p.end());
        return outcome;
    }

    /**
     * Refuses a request before its value is read, once its key has come, and
     * throws the value away as it arrives. A refused SET also removes the key's
     * old value, as memcached does, so nobody reads a value older than the one
     * the client tried to store.
     */
    private Outcome refuse(Connection c, Status status) {
        ByteBuf in = c.input();
        int headAndKey = Packet.HEADER + p.extrasLength + p.keyLength;
        if (in.readableBytes() < headAndKey) {
            return Outcome.NEEDS_INPUT;
        }
        if (p.opcode == Opcode.SET || p.opcode == Opcode.SETQ) {
            store.delete(p.key());
        }
        counters.refused(status == Status.TOO_LARGE);
        Responses.error(c, p, status);
        in.skipBytes(headAndKey);
        swallowing = p.valueLength();
        return Outcome.SERVED;
    }

    private Outcome dispatch(Connection c) {
        int op = p.opcode;
        if (authenticator.enabled() && (op == Opcode.SASL_LIST_MECHS || op == Opcode.SASL_AUTH
                || op == Opcode.SASL_STEP)) {
            return sasl(c);
        }
        if (!authenticated) {
            Responses.error(c, p, Status.AUTH_ERROR);
            return Outcome.SERVED;
        }
        boolean quiet = Opcode.quiet(op);
        return switch (op) {
            case Opcode.GET, Opcode.GETQ, Opcode.GETK, Opcode.GETKQ ->
                    valid(c, p.extrasLength == 0 && p.keyLength > 0 && p.bodyLength == p.keyLength)
                            ? get(c, op == Opcode.GETK || op == Opcode.GETKQ, quiet, false) : Outcome.CLOSE;
            case Opcode.GAT, Opcode.GATQ, Opcode.GATK, Opcode.GATKQ ->
                    valid(c, p.extrasLength == 4 && p.keyLength > 0 && p.bodyLength == p.keyLength + 4)
                            ? get(c, op == Opcode.GATK || op == Opcode.GATKQ, quiet, true) : Outcome.CLOSE;
            case Opcode.TOUCH ->
                    valid(c, p.extrasLength == 4 && p.keyLength > 0 && p.bodyLength == p.keyLength + 4)
                            ? touch(c) : Outcome.CLOSE;
            case Opcode.SET, Opcode.SETQ, Opcode.ADD, Opcode.ADDQ, Opcode.REPLACE, Opcode.REPLACEQ ->
                    valid(c, p.extrasLength == 8 && p.keyLength > 0) ? store(c, storeMode(op), quiet) : Outcome.CLOSE;
            case Opcode.APPEND, Opcode.APPENDQ, Opcode.PREPEND, Opcode.PREPENDQ ->
                    valid(c, p.extrasLength == 0 && p.keyLength > 0)
                            ? store(c, op == Opcode.APPEND || op == Opcode.APPENDQ ? StoreMode.APPEND : StoreMode.PREPEND,
                            quiet) : Outcome.CLOSE;
            case Opcode.DELETE, Opcode.DELETEQ ->
                    valid(c, p.extrasLength == 0 && p.keyLength > 0 && p.bodyLength == p.keyLength)
                            ? delete(c, quiet) : Outcome.CLOSE;
            case Opcode.INCREMENT, Opcode.INCREMENTQ, Opcode.DECREMENT, Opcode.DECREMENTQ ->
                    valid(c, p.extrasLength == 20 && p.keyLength > 0 && p.bodyLength == p.keyLength + 20)
                            ? arithmetic(c, op == Opcode.INCREMENT || op == Opcode.INCREMENTQ, quiet) : Outcome.CLOSE;
            case Opcode.FLUSH, Opcode.FLUSHQ ->
                    valid(c, (p.extrasLength == 0 || p.extrasLength == 4) && p.keyLength == 0
                            && p.bodyLength == p.extrasLength) ? flush(c, quiet) : Outcome.CLOSE;
            case Opcode.NOOP -> valid(c, p.bodyLength == 0) ? succeed(c) : Outcome.CLOSE;
            case Opcode.VERSION -> valid(c, p.bodyLength == 0) ? version(c) : Outcome.CLOSE;
            case Opcode.QUIT, Opcode.QUITQ -> {
                if (op == Opcode.QUIT) {
                    Responses.success(c, p, 0);
                }
                yield Outcome.CLOSE;
            }
            case Opcode.STAT -> valid(c, p.extrasLength == 0) ? stat(c) : Outcome.CLOSE;
            default -> {
                Responses.error(c, p, Status.UNKNOWN_COMMAND);
                yield Outcome.SERVED;
            }
        };
    }

    /** A request whose lengths do not fit its opcode gets "Invalid arguments" and the connection closes. */
    private boolean valid(Connection c, boolean layoutIsRight) {
        if (!layoutIsRight) {
            Responses.error(c, p, Status.INVALID_ARGUMENTS);
        }
        return layoutIsRight;
    }

    private Outcome get(Connection c, boolean withKey, boolean quiet, boolean touch) {
        if (!touch) {
            copiedGet.serve(c, withKey, quiet);
            return Outcome.SERVED;
        }
        Item item = store.getAndTouch(p.key(), p.extraInt(0) & 0xFFFFFFFFL);
        counters.get(item != null);
        if (counters.detail.enabled()) {
            counters.detail.get(p.in, p.keyStart(), p.keyLength, item != null);
        }
        counters.touch(item != null);
        if (item == null) {
            answerMiss(c, withKey, quiet);
        } else {
            answerHit(c, item, withKey);
        }
        return Outcome.SERVED;
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

    /**
     * GET and its quiet and key forms in one lookup without allocating: a small
     * value is copied while the store holds the item, a value sent by reference
     * comes back pinned and is chained after its header.
     */
    private final class CopiedGet implements ItemVisitor {

        private Connection connection;
        private boolean withKey;

        void serve(Connection c, boolean withKey, boolean quiet) {
            this.connection = c;
            this.withKey = withKey;
            try {
                boolean hit = store.read(p.in, p.keyStart(), p.keyLength, this);
                counters.get(hit);
                if (counters.detail.enabled()) {
                    counters.detail.get(p.in, p.keyStart(), p.keyLength, hit);
                }
                if (!hit) {
                    answerMiss(c, withKey, quiet);
                }
            } finally {
                this.connection = null;
            }
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
    }

    /** Touch answers with the item's flags and CAS, and no value, as memcached does. */
    private Outcome touch(Connection c) {
        Item item = store.getAndTouch(p.key(), p.extraInt(0) & 0xFFFFFFFFL);
        counters.touch(item != null);
        if (item == null) {
            Responses.error(c, p, Status.KEY_NOT_FOUND);
            return Outcome.SERVED;
        }
        item.value().release();
        Responses.start(c, p, Status.SUCCESS, 4, 0, 0, item.cas()).writeInt(item.flags());
        return Outcome.SERVED;
    }

    private static StoreMode storeMode(int op) {
        return switch (op) {
            case Opcode.ADD, Opcode.ADDQ -> StoreMode.ADD;
            case Opcode.REPLACE, Opcode.REPLACEQ -> StoreMode.REPLACE;
            default -> StoreMode.SET;
        };
    }

    private Outcome store(Connection c, StoreMode requested, boolean quiet) {
        // A set, add or replace that names a CAS unique only stores over that very item.
        StoreMode mode = p.cas != 0 && requested == StoreMode.SET ? StoreMode.CAS : requested;
        boolean hasExtras = p.extrasLength == 8;
        int flags = hasExtras ? p.extraInt(0) : 0;
        long exptime = hasExtras ? p.extraInt(4) & 0xFFFFFFFFL : 0;
        if (counters.detail.enabled()) {
            counters.detail.set(p.key());
        }
        StoreReceipt receipt = store.storeWithCas(mode, p.key(), flags, exptime, p.value(), p.cas);
        StoreResult result = receipt.result();
        counters.stored(mode, result);
        if (result == StoreResult.STORED) {
            if (!quiet) {
                Responses.success(c, p, receipt.cas());
            }
            return Outcome.SERVED;
        }
        Responses.error(c, p, switch (result) {
            case EXISTS -> Status.KEY_EXISTS;
            case NOT_FOUND -> Status.KEY_NOT_FOUND;
            case NO_MEMORY -> Status.OUT_OF_MEMORY;
            default -> requested == StoreMode.ADD ? Status.KEY_EXISTS
                    : requested == StoreMode.REPLACE ? Status.KEY_NOT_FOUND : Status.NOT_STORED;
        });
        return Outcome.SERVED;
    }

    private Outcome delete(Connection c, boolean quiet) {
        if (counters.detail.enabled()) {
            counters.detail.delete(p.key());
        }
        DeleteResult result = store.delete(p.key(), p.cas);
        counters.delete(result == DeleteResult.DELETED);
        switch (result) {
            case DELETED -> {
                if (!quiet) {
                    Responses.success(c, p, 0);
                }
            }
            case EXISTS -> Responses.error(c, p, Status.KEY_EXISTS);
            case NOT_FOUND -> Responses.error(c, p, Status.KEY_NOT_FOUND);
        }
        return Outcome.SERVED;
    }

    private Outcome arithmetic(Connection c, boolean increment, boolean quiet) {
        long delta = p.extraLong(0);
        long initial = p.extraLong(8);
        long exptime = p.extraInt(16) & 0xFFFFFFFFL;
        for (int attempt = 0; attempt < 2; attempt++) {
            ArithmeticResult result = store.incrementOrDecrement(p.key(), increment, delta, p.cas);
            counters.arithmetic(increment, result.status() != ArithmeticResult.Status.NOT_FOUND);
            switch (result.status()) {
                case OK -> {
                    if (!quiet) {
                        Responses.start(c, p, Status.SUCCESS, 0, 0, 8, result.cas()).writeLong(result.value());
                    }
                    return Outcome.SERVED;
                }
                case NON_NUMERIC -> {
                    Responses.error(c, p, Status.NON_NUMERIC);
                    return Outcome.SERVED;
                }
                case EXISTS -> {
                    Responses.error(c, p, Status.KEY_EXISTS);
                    return Outcome.SERVED;
                }
                case NO_MEMORY -> {
                    Responses.error(c, p, Status.OUT_OF_MEMORY);
                    return Outcome.SERVED;
                }
                case NOT_FOUND -> {
                    if (exptime == NO_CREATE) {
                        Responses.error(c, p, Status.KEY_NOT_FOUND);
                        return Outcome.SERVED;
                    }
                    ByteBuf digits = Unpooled.copiedBuffer(Long.toUnsignedString(initial), StandardCharsets.US_ASCII);
                    StoreReceipt created = store.storeWithCas(StoreMode.ADD, p.key(), 0, exptime, digits, 0);
                    if (created.result() == StoreResult.STORED) {
                        if (!quiet) {
                            Responses.start(c, p, Status.SUCCESS, 0, 0, 8, created.cas()).writeLong(initial);
                        }
                        return Outcome.SERVED;
                    }
                    // Someone else created it meanwhile: apply the delta to theirs.
                }
            }
        }
        Responses.error(c, p, Status.KEY_NOT_FOUND);
        return Outcome.SERVED;
    }

    /** SASL with the one mechanism offered, PLAIN: "[authzid] NUL user NUL password" in the value. */
    private Outcome sasl(Connection c) {
        if (p.opcode == Opcode.SASL_LIST_MECHS) {
            Responses.start(c, p, Status.SUCCESS, 0, 0, PLAIN.length, 0).writeBytes(PLAIN);
            return Outcome.SERVED;
        }
        boolean plain = p.keyLength == PLAIN.length && p.key().equals(Unpooled.wrappedBuffer(PLAIN));
        // PLAIN is "authzid NUL user NUL password"; acting as someone else (an authzid not the user) is refused.
        String[] parts = p.value().toString(StandardCharsets.UTF_8).split("\0", -1);
        authenticated = p.opcode == Opcode.SASL_AUTH && plain && parts.length == 3
                && (parts[0].isEmpty() || parts[0].equals(parts[1]))
                && authenticator.check(parts[1], parts[2].getBytes(StandardCharsets.UTF_8));
        if (authenticated) {
            Responses.start(c, p, Status.SUCCESS, 0, 0, AUTHENTICATED.length, 0).writeBytes(AUTHENTICATED);
        } else {
            Responses.error(c, p, Status.AUTH_ERROR);
        }
        return Outcome.SERVED;
    }

    /** STAT "detail on|off|dump", as memcached: a "detailed" stat with the dump, then the end. */
    private Outcome detail(Connection c, String what) {
        switch (what) {
            case " on", " off" -> counters.detail.enable(what.equals(" on"));
            case " dump" -> {
                byte[] name = "detailed".getBytes(StandardCharsets.US_ASCII);
                byte[] dump = counters.detail.dump();
                Responses.start(c, p, Status.SUCCESS, 0, name.length, dump.length, 0).writeBytes(name).writeBytes(dump);
            }
            default -> {
                Responses.error(c, p, Status.KEY_NOT_FOUND);
                return Outcome.SERVED;
            }
        }
        Responses.success(c, p, 0);
        return Outcome.SERVED;
    }

    private Outcome flush(Connection c, boolean quiet) {
        if (!flushEnabled) {
            Responses.error(c, p, Status.AUTH_ERROR); // memcached's answer under -F
            return Outcome.SERVED;
        }
        store.flushAll(p.extrasLength == 4 ? p.extraInt(0) & 0xFFFFFFFFL : 0);
        counters.cmdFlush.increment();
        if (!quiet) {
            Responses.success(c, p, 0);
        }
        return Outcome.SERVED;
    }

    private Outcome succeed(Connection c) {
        Responses.success(c, p, 0);
        return Outcome.SERVED;
    }

    private Outcome version(Connection c) {
        Responses.start(c, p, Status.SUCCESS, 0, 0, version.length, 0).writeBytes(version);
        return Outcome.SERVED;
    }

    /** All statistics, a packet each, then an empty one; no group other than the general one yet. */
    /** STAT with no key, or a group's name as stats takes it (settings, slabs, items, conns, sizes, reset). */
    private Outcome stat(Connection c) {
        String group = p.key().toString(StandardCharsets.US_ASCII);
        if (group.equals("reset")) {
            stats.reset();
            Responses.success(c, p, 0);
            return Outcome.SERVED;
        }
        if (group.startsWith("detail")) {
            return detail(c, group.substring("detail".length()));
        }
        Map<String, String> values = stats.group(group);
        if (values == null) {
            Responses.error(c, p, Status.KEY_NOT_FOUND);
            return Outcome.SERVED;
        }
        for (Map.Entry<String, String> stat : values.entrySet()) {
            byte[] name = stat.getKey().getBytes(StandardCharsets.US_ASCII);
            byte[] value = stat.getValue().getBytes(StandardCharsets.US_ASCII);
            Responses.start(c, p, Status.SUCCESS, 0, name.length, value.length, 0).writeBytes(name).writeBytes(value);
        }
        Responses.success(c, p, 0);
        return Outcome.SERVED;
    }
}
