package dev.larder.network.netty.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGHUP reloads the certificates, as it does for memcached. */
public final class HangupReload {

    private static final Logger log = LoggerFactory.getLogger(HangupReload.class);

    private static volatile boolean listening;

    private HangupReload() {
    }

    public static void install(TlsContexts tls) {
        try {
            SignalHandler before = Signal.handle(new Signal("HUP"), signal -> {
                try {
                    tls.reloadCertificates();
                } catch (IllegalStateException e) {
                    // Already logged with its reason; the old certificates stay.
                }
            });
            // The JVM will not take a shutdown signal over from a process started ignoring it, as nohup starts it.
            listening = before != SignalHandler.SIG_IGN;
            if (!listening) {
                log.warn("SIGHUP is ignored in this process (started with nohup?), so it cannot reload the "
                        + "certificates: use refresh_certs or the Tls MBean's reloadCertificates()");
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            listening = false;
            log.info("SIGHUP cannot reload certificates here: {}", e.getMessage());
        }
    }

    /** Whether a SIGHUP to this process reaches the last installed reload. */
    public static boolean listening() {
        return listening;
    }
}
