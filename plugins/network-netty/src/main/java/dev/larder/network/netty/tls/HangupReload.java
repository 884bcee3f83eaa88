package dev.larder.network.netty.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** SIGHUP reloads the certificates, as it does for memcached. */
public final class HangupReload {

    private static final Logger log = LoggerFactory.getLogger(HangupReload.class);

    private HangupReload() {
    }

    public static void install(TlsContexts tls) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                try {
                    tls.reloadCertificates();
                } catch (IllegalStateException e) {
                    // Already logged with its reason; the old certificates stay.
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.info("SIGHUP cannot reload certificates here: {}", e.getMessage());
        }
    }
}
