package dev.larder.spi.net;

/**
 * The TLS figures {@code stats} shows, as memcached names them.
 *
 * @param provider                     "OpenSSL (...)" or "JDK"; "off" when TLS is not enabled
 * @param handshakeErrors              handshakes that failed ({@code ssl_handshake_errors})
 * @param newSessions                  full handshakes, sessions not resumed ({@code ssl_new_sessions});
 *                                     -1 without a server-side session cache
 * @param lastCertificateRefreshMillis when the certificates were last loaded (epoch milliseconds)
 */
public record TlsFigures(String provider, long handshakeErrors, long newSessions, long lastCertificateRefreshMillis) {

    public static final TlsFigures OFF = new TlsFigures("off", 0, -1, 0);

    public boolean enabled() {
        return !provider.equals("off");
    }
}
