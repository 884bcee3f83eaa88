package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.ItemStore;

/**
 * memcached's binary protocol for one connection: each call serves one whole
 * request packet, read in place from the input, with one reservation per
 * response. The work is split as Netty's codec-memcache splits it:
 * {@link BinaryDecoder} frames requests, the command classes serve them, and
 * {@link Responses} encodes the answers. Quiet variants answer only errors (and
 * gets not even misses), so a pipeline of them goes out in the same flush as the
 * request that ends it.
 */
final class BinarySession implements ProtocolSession {

    private final Packet p = new Packet();
    private final BinaryDecoder decoder;
    private final SaslPlain sasl;
    private final BinaryGets gets;
    private final BinaryUpdates updates;
    private final BinaryServerCommands server;

    BinarySession(ItemStore store, long maxItemSize, byte[] version, GeneralStats stats, Authenticator authenticator,
                  boolean flushEnabled) {
        this.decoder = new BinaryDecoder(maxItemSize);
        this.sasl = new SaslPlain(authenticator);
        this.gets = new BinaryGets(store, stats.counters(), p);
        this.updates = new BinaryUpdates(store, stats.counters());
        this.server = new BinaryServerCommands(store, stats, version, flushEnabled);
    }

    @Override
    public String protocolName() {
        return "binary";
    }

    @Override
    public Outcome serveOne(Connection c) {
        BinaryDecoder.Frame frame = decoder.decode(c, p);
        return switch (frame) {
            case WHOLE -> {
                Outcome outcome = dispatch(c);
                c.input().readerIndex(p.end());
                yield outcome;
            }
            case NEEDS_INPUT -> Outcome.NEEDS_INPUT;
            case DISCARDED -> Outcome.SERVED;
            case NOT_A_REQUEST -> Outcome.CLOSE;
            case IMPOSSIBLE_LENGTHS -> {
                Responses.error(c, p, Status.INVALID_ARGUMENTS);
                yield Outcome.CLOSE;
            }
            case TOO_LARGE, NO_ROOM -> {
                // NO_ROOM is memcached's answer when it cannot allocate the item.
                updates.refuse(c, p, frame == BinaryDecoder.Frame.TOO_LARGE ? Status.TOO_LARGE : Status.OUT_OF_MEMORY);
                decoder.discard(c.input(), p);
                yield Outcome.SERVED;
            }
        };
    }

    private Outcome dispatch(Connection c) {
        int op = p.opcode;
        if (sasl.handles(op)) {
            sasl.serve(c, p);
            return Outcome.SERVED;
        }
        if (!sasl.authenticated()) {
            Responses.error(c, p, Status.AUTH_ERROR);
            return Outcome.SERVED;
        }
        boolean quiet = Opcode.quiet(op);
        boolean withKey = op == Opcode.GETK || op == Opcode.GETKQ || op == Opcode.GATK || op == Opcode.GATKQ;
        switch (op) {
            case Opcode.GET, Opcode.GETQ, Opcode.GETK, Opcode.GETKQ -> {
                if (!valid(c, p.extrasLength == 0 && p.keyLength > 0 && p.valueLength() == 0)) {
                    return Outcome.CLOSE;
                }
                gets.get(c, withKey, quiet);
            }
            case Opcode.GAT, Opcode.GATQ, Opcode.GATK, Opcode.GATKQ -> {
                if (!valid(c, p.extrasLength == 4 && p.keyLength > 0 && p.valueLength() == 0)) {
                    return Outcome.CLOSE;
                }
                gets.getAndTouch(c, withKey, quiet);
            }
            case Opcode.TOUCH -> {
                if (!valid(c, p.extrasLength == 4 && p.keyLength > 0 && p.valueLength() == 0)) {
                    return Outcome.CLOSE;
                }
                gets.touch(c);
            }
            case Opcode.SET, Opcode.SETQ, Opcode.ADD, Opcode.ADDQ, Opcode.REPLACE, Opcode.REPLACEQ -> {
                if (!valid(c, p.extrasLength == 8 && p.keyLength > 0)) {
                    return Outcome.CLOSE;
                }
                updates.store(c, p, BinaryUpdates.storeMode(op), quiet);
            }
            case Opcode.APPEND, Opcode.APPENDQ, Opcode.PREPEND, Opcode.PREPENDQ -> {
                if (!valid(c, p.extrasLength == 0 && p.keyLength > 0)) {
                    return Outcome.CLOSE;
                }
                updates.store(c, p, BinaryUpdates.storeMode(op), quiet);
            }
            case Opcode.DELETE, Opcode.DELETEQ -> {
                if (!valid(c, p.extrasLength == 0 && p.keyLength > 0 && p.valueLength() == 0)) {
                    return Outcome.CLOSE;
                }
                updates.delete(c, p, quiet);
            }
            case Opcode.INCREMENT, Opcode.INCREMENTQ, Opcode.DECREMENT, Opcode.DECREMENTQ -> {
                if (!valid(c, p.extrasLength == 20 && p.keyLength > 0 && p.valueLength() == 0)) {
                    return Outcome.CLOSE;
                }
                updates.arithmetic(c, p, op == Opcode.INCREMENT || op == Opcode.INCREMENTQ, quiet);
            }
            case Opcode.FLUSH, Opcode.FLUSHQ -> {
                if (!valid(c, (p.extrasLength == 0 || p.extrasLength == 4) && p.keyLength == 0
                        && p.valueLength() == 0)) {
                    return Outcome.CLOSE;
                }
                server.flush(c, p, quiet);
            }
            case Opcode.NOOP, Opcode.VERSION -> {
                if (!valid(c, p.bodyLength == 0)) {
                    return Outcome.CLOSE;
                }
                if (op == Opcode.NOOP) {
                    server.noop(c, p);
                } else {
                    server.version(c, p);
                }
            }
            case Opcode.QUIT, Opcode.QUITQ -> {
                if (op == Opcode.QUIT) {
                    Responses.success(c, p, 0);
                }
                return Outcome.CLOSE;
            }
            case Opcode.STAT -> {
                if (!valid(c, p.extrasLength == 0)) {
                    return Outcome.CLOSE;
                }
                server.stat(c, p);
            }
            default -> Responses.error(c, p, Status.UNKNOWN_COMMAND);
        }
        return Outcome.SERVED;
    }

    /** A request whose lengths do not fit its opcode gets "Invalid arguments" and the connection closes. */
    private boolean valid(Connection c, boolean layoutFits) {
        if (!layoutFits) {
            Responses.error(c, p, Status.INVALID_ARGUMENTS);
        }
        return layoutFits;
    }
}
