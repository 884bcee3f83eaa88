package dev.larder.protocol.memcached.stats;

import dev.larder.spi.protocol.ProtocolMXBean;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many commands of each kind were served, and how many found their item,
 * across every connection and protocol. LongAdders: every event loop counts
 * without contending with the others.
 */
public final class CommandCounters implements ProtocolMXBean {

    public final LongAdder cmdGet = new LongAdder();
    public final LongAdder cmdSet = new LongAdder();
    public final LongAdder cmdFlush = new LongAdder();
    public final LongAdder cmdTouch = new LongAdder();
    public final LongAdder getHits = new LongAdder();
    public final LongAdder getMisses = new LongAdder();
    public final LongAdder deleteHits = new LongAdder();
    public final LongAdder deleteMisses = new LongAdder();
    public final LongAdder incrHits = new LongAdder();
    public final LongAdder incrMisses = new LongAdder();
    public final LongAdder decrHits = new LongAdder();
    public final LongAdder decrMisses = new LongAdder();
    public final LongAdder casHits = new LongAdder();
    public final LongAdder casMisses = new LongAdder();
    public final LongAdder casBadval = new LongAdder();
    public final LongAdder touchHits = new LongAdder();
    public final LongAdder touchMisses = new LongAdder();
    public final LongAdder cmdMeta = new LongAdder();
    public final LongAdder storeTooLarge = new LongAdder();
    public final LongAdder storeNoMemory = new LongAdder();
    public final LongAdder authCmds = new LongAdder();
    public final LongAdder authErrors = new LongAdder();
    /** Per key prefix, while {@code stats detail} is on. */
    public final DetailStats detail;

    public CommandCounters() {
        this(new DetailStats(':', false));
    }

    public CommandCounters(DetailStats detail) {
        this.detail = detail;
    }

    /** A get of one key: counts the command and its hit or miss. */
    public void get(boolean hit) {
        cmdGet.increment();
        (hit ? getHits : getMisses).increment();
    }

    public void touch(boolean hit) {
        cmdTouch.increment();
        (hit ? touchHits : touchMisses).increment();
    }

    /** A storage command and its outcome (cas commands count their hits, misses and bad values). */
    public void stored(StoreMode mode, StoreResult result) {
        cmdSet.increment();
        if (result == StoreResult.NO_MEMORY) {
            storeNoMemory.increment();
        }
        if (mode == StoreMode.CAS) {
            switch (result) {
                case STORED -> casHits.increment();
                case NOT_FOUND -> casMisses.increment();
                case EXISTS -> casBadval.increment();
                default -> { }
            }
        }
    }

    public void delete(boolean hit) {
        (hit ? deleteHits : deleteMisses).increment();
    }

    public void arithmetic(boolean increment, boolean hit) {
        if (increment) {
            (hit ? incrHits : incrMisses).increment();
        } else {
            (hit ? decrHits : decrMisses).increment();
        }
    }

    /** A storage command refused before its value was read: too large, or no memory to hold it. */
    public void refused(boolean tooLarge) {
        cmdSet.increment();
        (tooLarge ? storeTooLarge : storeNoMemory).increment();
    }

    /** An authentication attempt and whether it failed. */
    public void authenticated(boolean ok) {
        authCmds.increment();
        if (!ok) {
            authErrors.increment();
        }
    }

    /** The command figures, in memcached's order, for {@code stats}; the store's misses by reason are its own. */
    Map<String, Long> values(long getExpired, long getFlushed) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("cmd_get", cmdGet.sum());
        values.put("cmd_set", cmdSet.sum());
        values.put("cmd_flush", cmdFlush.sum());
        values.put("cmd_touch", cmdTouch.sum());
        values.put("cmd_meta", cmdMeta.sum());
        values.put("get_hits", getHits.sum());
        values.put("get_misses", getMisses.sum());
        values.put("get_expired", getExpired);
        values.put("get_flushed", getFlushed);
        values.put("delete_misses", deleteMisses.sum());
        values.put("delete_hits", deleteHits.sum());
        values.put("incr_misses", incrMisses.sum());
        values.put("incr_hits", incrHits.sum());
        values.put("decr_misses", decrMisses.sum());
        values.put("decr_hits", decrHits.sum());
        values.put("cas_misses", casMisses.sum());
        values.put("cas_hits", casHits.sum());
        values.put("cas_badval", casBadval.sum());
        values.put("touch_hits", touchHits.sum());
        values.put("touch_misses", touchMisses.sum());
        values.put("store_too_large", storeTooLarge.sum());
        values.put("store_no_memory", storeNoMemory.sum());
        values.put("auth_cmds", authCmds.sum());
        values.put("auth_errors", authErrors.sum());
        return values;
    }

    @Override
    public void reset() {
        for (LongAdder adder : new LongAdder[] {cmdGet, cmdSet, cmdFlush, cmdTouch, getHits, getMisses, deleteHits,
                deleteMisses, incrHits, incrMisses, decrHits, decrMisses, casHits, casMisses, casBadval, touchHits,
                touchMisses, cmdMeta, storeTooLarge, storeNoMemory, authCmds, authErrors}) {
            adder.reset();
        }
        detail.reset();
    }

    @Override
    public long getCmdGet() {
        return cmdGet.sum();
    }

    @Override
    public long getCmdSet() {
        return cmdSet.sum();
    }

    @Override
    public long getCmdFlush() {
        return cmdFlush.sum();
    }

    @Override
    public long getCmdTouch() {
        return cmdTouch.sum();
    }

    @Override
    public long getGetHits() {
        return getHits.sum();
    }

    @Override
    public long getGetMisses() {
        return getMisses.sum();
    }

    @Override
    public long getDeleteHits() {
        return deleteHits.sum();
    }

    @Override
    public long getDeleteMisses() {
        return deleteMisses.sum();
    }

    @Override
    public long getIncrHits() {
        return incrHits.sum();
    }

    @Override
    public long getIncrMisses() {
        return incrMisses.sum();
    }

    @Override
    public long getDecrHits() {
        return decrHits.sum();
    }

    @Override
    public long getDecrMisses() {
        return decrMisses.sum();
    }

    @Override
    public long getCasHits() {
        return casHits.sum();
    }

    @Override
    public long getCasMisses() {
        return casMisses.sum();
    }

    @Override
    public long getCasBadval() {
        return casBadval.sum();
    }

    @Override
    public long getTouchHits() {
        return touchHits.sum();
    }

    @Override
    public long getTouchMisses() {
        return touchMisses.sum();
    }
}
