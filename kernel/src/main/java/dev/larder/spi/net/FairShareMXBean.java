package dev.larder.spi.net;

import dev.larder.spi.Description;
import dev.larder.spi.Metric;

/**
 * {@code dev.larder:type=Network,name=FairShare}: with it on, a connection
 * serves at most {@code ReqsPerEvent} requests (or a time slice, or until its
 * pending output passes the send-queue limit) before it lets the others have
 * the event loop. Changes apply to open connections at once.
 */
@Description("dev.larder:type=Network,name=FairShare: with it on, a connection serves at most ReqsPerEvent requests (or a time slice, or until its pending output passes the send-queue limit) before it lets the others have the event loop. Changes apply to open connections at once.")
public interface FairShareMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Network,name=FairShare";

    @Description("Whether fair sharing is on; set it to switch it for every connection, open ones included")
    @Metric("larder_fair_share_enabled")
    boolean isEnabled();

    void setEnabled(boolean enabled);

    /** Requests served from one read before yielding (memcached's -R). */
    @Description("Requests served from one read before yielding (memcached's -R).")
    @Metric("larder_fair_share_reqs_per_event")
    int getReqsPerEvent();

    /** @throws IllegalArgumentException below 1 */
    void setReqsPerEvent(int reqsPerEvent);

    /** Times a connection yielded ({@code conn_yields}). */
    @Description("Times a connection yielded (conn_yields).")
    long getYields();

    /** Of those, the times it had used up its time slice. */
    @Description("Of the yields, those for having used up a time slice.")
    @Metric(value = "larder_time_slice_yields_total", counter = true)
    long getTimeSliceYields();
}
