package dev.larder.spi.net;

/**
 * {@code dev.larder:type=Network,name=FairShare}: with it on, a connection
 * serves at most {@code ReqsPerEvent} requests (or a time slice, or until its
 * pending output passes the send-queue limit) before it lets the others have
 * the event loop. Changes apply to open connections at once.
 */
public interface FairShareMXBean {

    boolean isEnabled();

    void setEnabled(boolean enabled);

    /** Requests served from one read before yielding (memcached's -R). */
    int getReqsPerEvent();

    /** @throws IllegalArgumentException below 1 */
    void setReqsPerEvent(int reqsPerEvent);

    /** Times a connection yielded ({@code conn_yields}). */
    long getYields();

    /** Of those, the times it had used up its time slice. */
    long getTimeSliceYields();
}
