package dev.larder.spi.protocol;

import dev.larder.spi.Description;

/** {@code dev.larder:type=Protocol}: command counts, named as memcached's {@code stats}, over all protocols. */
@Description("dev.larder:type=Protocol: command counts, named as memcached's stats, over all protocols.")
public interface ProtocolMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Protocol";

    /** Keys asked for by get, gets, gat, gats, mg and the binary gets ({@code cmd_get}). */
    @Description("Keys asked for by get, gets, gat, gats, mg and the binary gets (cmd_get).")
    long getCmdGet();

    /** Storage commands ({@code cmd_set}). */
    @Description("Storage commands (cmd_set).")
    long getCmdSet();

    /** flush_all commands ({@code cmd_flush}). */
    @Description("flush_all commands (cmd_flush).")
    long getCmdFlush();

    /** touch and get-and-touch commands ({@code cmd_touch}). */
    @Description("touch and get-and-touch commands (cmd_touch).")
    long getCmdTouch();

    @Description("Keys found by a retrieval (get_hits).")
    long getGetHits();

    @Description("Keys not found by a retrieval (get_misses).")
    long getGetMisses();

    @Description("Deletes of a key that was there (delete_hits).")
    long getDeleteHits();

    @Description("Deletes of a key that was not there (delete_misses).")
    long getDeleteMisses();

    @Description("incr of a key that was there (incr_hits).")
    long getIncrHits();

    @Description("incr of a key that was not there (incr_misses).")
    long getIncrMisses();

    @Description("decr of a key that was there (decr_hits).")
    long getDecrHits();

    @Description("decr of a key that was not there (decr_misses).")
    long getDecrMisses();

    @Description("cas commands that stored (cas_hits).")
    long getCasHits();

    @Description("cas commands on a key that was not there (cas_misses).")
    long getCasMisses();

    /** cas commands refused because the item had changed ({@code cas_badval}). */
    @Description("cas commands refused because the item had changed (cas_badval).")
    long getCasBadval();

    @Description("touch of a key that was there (touch_hits).")
    long getTouchHits();

    @Description("touch of a key that was not there (touch_misses).")
    long getTouchMisses();

    /** Sets every counter back to zero, as {@code stats reset} does. */
    @Description("Sets every counter back to zero, as stats reset does.")
    void reset();
}
