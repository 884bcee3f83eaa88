package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.DetailStats;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.ServerControl;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.TlsMXBean;
import dev.larder.spi.store.ItemStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The commands about the server rather than a key: flush_all, verbosity, version, stats. */
final class ServerCommands {

    private static final byte[] NOREPLY = Replies.bytes("noreply");
    private static final byte[] SETTINGS = Replies.bytes("settings");
    private static final byte[] SHUTDOWN_NOT_ENABLED = Replies.bytes("ERROR: shutdown not enabled\r\n");
    private static final byte[] INVALID_SHUTDOWN_MODE = Replies.bytes("CLIENT_ERROR invalid shutdown mode\r\n");
    private static final byte[] GRACEFUL = Replies.bytes("graceful");
    private static final byte[] REASSIGN = Replies.bytes("reassign");
    private static final byte[] AUTOMOVE = Replies.bytes("automove");
    private static final byte[] RATIO = Replies.bytes("ratio");
    private static final byte[] BAD_CLASS = Replies.bytes("BADCLASS invalid src or dst class id\r\n");
    private static final byte[] SAME_CLASS = Replies.bytes("SAME src and dst class are identical\r\n");
    private static final byte[] NO_SPARE = Replies.bytes("NOSPARE source class has no spare pages\r\n");
    private static final byte[] MEMLIMIT_TOO_SMALL =
            Replies.bytes("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\n");
    private static final byte[] MEMLIMIT_NOT_BYTES =
            Replies.bytes("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes\r\n");
    private static final byte[] TLS_NOT_ENABLED = Replies.bytes("Error TLS not enabled\r\n");
    private static final byte[] CONNS = Replies.bytes("conns");
    private static final byte[] RESET = Replies.bytes("reset");
    private static final byte[] SLABS = Replies.bytes("slabs");
    private static final byte[] ITEMS = Replies.bytes("items");
    private static final byte[] SIZES = Replies.bytes("sizes");
    private static final byte[] LARDER = Replies.bytes("larder");
    private static final byte[] DETAIL = Replies.bytes("detail");
    private static final byte[] ON = Replies.bytes("on");
    private static final byte[] OFF = Replies.bytes("off");
    private static final byte[] DUMP = Replies.bytes("dump");
    private static final byte[] CACHEDUMP = Replies.bytes("cachedump");
    private static final byte[] FLUSH_NOT_ALLOWED = Replies.bytes("CLIENT_ERROR flush_all not allowed\r\n");
    private static final byte[] DUMP_NOT_ALLOWED = Replies.bytes("CLIENT_ERROR stats cachedump not allowed\r\n");
    private static final byte[] DETAIL_USAGE = Replies.bytes("CLIENT_ERROR usage: stats detail on|off|dump\r\n");
    /** memcached keeps no size histogram unless started with it; neither does Larder. */
    private static final byte[] SIZES_DISABLED = Replies.bytes("STAT sizes_status disabled\r\nEND\r\n");

    private final ItemStore store;
    private final byte[] versionReply;
    private final GeneralStats stats;

    private final ServerControl control;
    private final boolean shutdownEnabled;
    private final boolean flushEnabled;
    private final boolean dumpEnabled;
    private final Optional<TlsMXBean> tls;

    ServerCommands(ItemStore store, byte[] versionReply, GeneralStats stats, ServerControl control,
                   boolean shutdownEnabled, Optional<TlsMXBean> tls) {
        this(store, versionReply, stats, control, shutdownEnabled, tls, true, true);
    }

    ServerCommands(ItemStore store, byte[] versionReply, GeneralStats stats, ServerControl control,
                   boolean shutdownEnabled, Optional<TlsMXBean> tls, boolean flushEnabled, boolean dumpEnabled) {
        this.flushEnabled = flushEnabled;
        this.dumpEnabled = dumpEnabled;
        this.tls = tls;
        this.store = store;
        this.versionReply = versionReply;
        this.stats = stats;
        this.control = control;
        this.shutdownEnabled = shutdownEnabled;
    }

    /** {@code shutdown [graceful]}: stops the server, only when started with -A (both modes stop it gracefully). */
    Outcome shutdown(Request r) {
        if (!shutdownEnabled) {
            return r.answer(SHUTDOWN_NOT_ENABLED);
        }
        if (r.count() > 2 || (r.count() == 2 && !r.tokens.is(1, GRACEFUL))) {
            return r.answer(INVALID_SHUTDOWN_MODE);
        }
        r.consumeLine();
        control.shutdown();
        return Outcome.CLOSE;
    }

    /** {@code refresh_certs [noreply]}: loads the TLS certificates again, for new connections. */
    Outcome refreshCerts(Request r) {
        boolean noreply = r.noreply();
        if (tls.isEmpty() || tls.get().getProtocols().isEmpty()) {
            return r.answer(TLS_NOT_ENABLED, noreply);
        }
        try {
            tls.get().reloadCertificates();
            return r.answer(Replies.OK, noreply);
        } catch (IllegalStateException e) {
            return r.answer(Replies.bytes("ERROR " + e.getMessage() + "\r\n"), noreply);
        }
    }

    /**
     * {@code cache_memlimit <megabytes> [noreply]}: a new memory limit, judged as
     * memcached judges it. The number is read as C's strtoul reads it and kept to
     * 32 bits as memcached keeps it, so 2^44 is 0 and too small rather than a
     * limit that overflows; from 8 MB to 1,000,000,000 MB it is taken.
     */
    Outcome cacheMemlimit(Request r) {
        boolean noreply = r.noreply();
        long megabytes = memcachedUint32(r.tokens.slice(1).toString(StandardCharsets.US_ASCII));
        if (megabytes < 0) {
            return r.answer(Replies.ERROR, noreply);
        }
        if (megabytes < 8) {
            return r.answer(MEMLIMIT_TOO_SMALL, noreply);
        }
        if (megabytes > 1_000_000_000L) {
            return r.answer(MEMLIMIT_NOT_BYTES, noreply);
        }
        store.setMemoryLimit(megabytes * 1024 * 1024);
        return r.answer(Replies.OK, noreply);
    }

    /** memcached's safe_strtoul: digits only (no sign), at most 2^64-1, kept to the low 32 bits; -1 if not one. */
    static long memcachedUint32(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(text) & 0xFFFF_FFFFL;
        } catch (NumberFormatException e) {
            return -1; // beyond 2^64-1: strtoul's ERANGE
        }
    }

    /** {@code flush_all [delay] [noreply]}; refused, but counted, with -F, as memcached. */
    Outcome flushAll(Request r) {
        boolean noreply = r.noreply();
        if (!flushEnabled) {
            stats.counters().cmdFlush.increment();
            return r.answer(FLUSH_NOT_ALLOWED, noreply);
        }
        long delay = 0;
        if (r.count() == 3 || (r.count() == 2 && !r.tokens.is(1, NOREPLY))) {
            delay = r.tokens.signed(1);
            if (delay == Long.MIN_VALUE) {
                return r.answer(Replies.INVALID_EXPTIME, noreply);
            }
        }
        store.flushAll(delay);
        stats.counters().cmdFlush.increment();
        return r.answer(Replies.OK, noreply);
    }

    /** {@code verbosity <level> [noreply]}: accepted and acknowledged; logging is set in conf/logback.xml. */
    Outcome verbosity(Request r) {
        boolean noreply = r.noreply();
        if (r.tokens.unsigned(1) < 0) {
            return r.answer(Replies.BAD_COMMAND_LINE, noreply);
        }
        return r.answer(Replies.OK, noreply);
    }

    /**
     * memcached's {@code slabs automove} and {@code slabs reassign}, checked as
     * memcached checks them. Larder's store moves pages between its classes
     * itself and keeps no spare pages, so a reassign finds none to move.
     */
    Outcome slabs(Request r) {
        Tokens t = r.tokens;
        if (r.count() == 4 && t.is(1, REASSIGN)) {
            long source = t.signed(2);
            long destination = t.signed(3);
            if (source == Long.MIN_VALUE || destination == Long.MIN_VALUE || source != (int) source
                    || destination != (int) destination) {
                return r.answer(Replies.BAD_COMMAND_LINE);
            }
            int classes = store.slabClasses().size();
            if (source < 1 || source > classes || destination < 1 || destination > classes) {
                return r.answer(BAD_CLASS);
            }
            return r.answer(source == destination ? SAME_CLASS : NO_SPARE);
        }
        if (r.count() >= 3 && t.is(1, AUTOMOVE)) {
            boolean noreply = r.noreply();
            if (t.is(2, RATIO)) {
                return r.answer(r.count() >= 4 && decimal(t, 3) ? Replies.OK : Replies.ERROR, noreply);
            }
            long level = t.unsigned(2);
            if (level < 0 || level > 0xFFFFFFFFL) {
                return r.answer(Replies.BAD_COMMAND_LINE, noreply);
            }
            return r.answer(level <= 2 ? Replies.OK : Replies.ERROR, noreply);
        }
        return r.answer(Replies.ERROR);
    }

    private static boolean decimal(Tokens t, int token) {
        try {
            Double.parseDouble(t.slice(token).toString(java.nio.charset.StandardCharsets.US_ASCII));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    Outcome version(Request r) {
        return r.answer(versionReply);
    }

    /** {@code stats} and its groups settings, slabs, items, sizes and reset; others are not kept yet. */
    Outcome stats(Request r) {
        if (r.count() == 1) {
            return r.answer(stats.textReply());
        }
        if (r.tokens.is(1, SETTINGS)) {
            return r.answer(stats.settingsReply());
        }
        if (r.tokens.is(1, SLABS)) {
            return r.answer(stats.slabsReply());
        }
        if (r.tokens.is(1, ITEMS)) {
            return r.answer(stats.itemsReply());
        }
        if (r.tokens.is(1, CONNS)) {
            return r.answer(stats.connsReply());
        }
        if (r.tokens.is(1, SIZES)) {
            return r.answer(SIZES_DISABLED);
        }
        if (r.tokens.is(1, RESET)) {
            stats.reset();
            return r.answer(Replies.bytes("RESET\r\n"));
        }
        if (r.tokens.is(1, LARDER)) {
            return r.answer(stats.larderReply());
        }
        if (r.tokens.is(1, DETAIL)) {
            return detail(r);
        }
        if (r.tokens.is(1, CACHEDUMP)) {
            return cachedump(r);
        }
        return r.answer(Replies.ERROR);
    }

    /** {@code stats detail on|off|dump}: per-prefix counts, as memcached's -D. */
    private Outcome detail(Request r) {
        DetailStats detail = stats.counters().detail;
        if (r.count() != 3) {
            return r.answer(DETAIL_USAGE);
        }
        if (r.tokens.is(2, ON) || r.tokens.is(2, OFF)) {
            detail.enable(r.tokens.is(2, ON));
            return r.answer(Replies.OK);
        }
        if (r.tokens.is(2, DUMP)) {
            return r.answer(detail.dump());
        }
        return r.answer(DETAIL_USAGE);
    }

    /** {@code stats cachedump <class> <limit>}: keys of one size class, as memcached lists them. */
    private Outcome cachedump(Request r) {
        if (!dumpEnabled) {
            return r.answer(DUMP_NOT_ALLOWED);
        }
        long slabClass = r.count() == 4 ? r.tokens.unsigned(2) : -1;
        long limit = r.count() == 4 ? r.tokens.unsigned(3) : -1;
        if (slabClass < 0 || limit < 0) {
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        StringBuilder out = new StringBuilder();
        for (ItemStore.DumpedItem item : store.dump((int) Math.min(Integer.MAX_VALUE, slabClass),
                (int) Math.min(Integer.MAX_VALUE, limit == 0 ? Integer.MAX_VALUE : limit))) {
            out.append("ITEM ").append(item.key()).append(" [").append(item.valueLength()).append(" b; ")
                    .append(item.unixExpiry()).append(" s]\r\n");
        }
        out.append("END\r\n");
        return r.answer(Replies.bytes(out.toString()));
    }
}
