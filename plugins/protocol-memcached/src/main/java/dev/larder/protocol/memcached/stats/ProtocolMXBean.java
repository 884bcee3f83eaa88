package dev.larder.protocol.memcached.stats;

/** {@code dev.larder:type=Protocol}: command counts, named as memcached's {@code stats}, over all protocols. */
public interface ProtocolMXBean {

    /** Keys asked for by get, gets, gat, gats, mg and the binary gets ({@code cmd_get}). */
    long getCmdGet();

    /** Storage commands ({@code cmd_set}). */
    long getCmdSet();

    /** flush_all commands ({@code cmd_flush}). */
    long getCmdFlush();

    /** touch and get-and-touch commands ({@code cmd_touch}). */
    long getCmdTouch();

    long getGetHits();

    long getGetMisses();

    long getDeleteHits();

    long getDeleteMisses();

    long getIncrHits();

    long getIncrMisses();

    long getDecrHits();

    long getDecrMisses();

    long getCasHits();

    long getCasMisses();

    /** cas commands refused because the item had changed ({@code cas_badval}). */
    long getCasBadval();

    long getTouchHits();

    long getTouchMisses();

    /** Sets every counter back to zero, as {@code stats reset} does. */
    void reset();
}
