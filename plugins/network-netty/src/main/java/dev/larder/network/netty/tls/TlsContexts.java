package dev.larder.network.netty.tls;

import dev.larder.spi.Settings;
import dev.larder.spi.StartupException;
import dev.larder.spi.net.TlsFigures;
import dev.larder.spi.net.TlsMXBean;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context, built from the certificate files and rebuilt on
 * {@link #reloadCertificates()}. Each new connection takes the current one, so
 * a reload reaches new connections while open ones keep their session.
 */
@Singleton
public final class TlsContexts implements TlsMXBean {

    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);
    /** Every version memcached's ssl_min_version can name, newest first; the setting cuts the list. */
    private static final List<String> VERSIONS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");
    /** Sessions the server-side cache holds, when there is one. */
    private static final int SESSION_CACHE_SIZE = 20_480;

    private final Settings settings;
    private final boolean enabled;
    private final SslProvider provider;
    private final List<String> protocols;
    private final boolean sessionCache;
    private final LongAdder handshakeErrors = new LongAdder();
    private final LongAdder newSessions = new LongAdder();
    private volatile long lastRefreshMillis = System.currentTimeMillis();
    private volatile SslContext current;

    @Inject
    public TlsContexts(Settings settings) {
        this.settings = settings;
        this.enabled = settings.get(TlsSettings.ENABLED) || settings.get(TlsSettings.TLS_PORT) > 0;
        // ssl_min_version: 0 TLSv1 ... 3 TLSv1.3; the list runs from TLSv1.3 down to it.
        this.protocols = VERSIONS.subList(0, VERSIONS.size() - settings.get(TlsSettings.MIN_VERSION));
        this.sessionCache = settings.get(TlsSettings.SESSION_CACHE);
        // Probing OpenSSL loads the native library and the JDK's TLS classes, a few MB of
        // class metadata a server without TLS should not carry.
        this.provider = enabled && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Builds the first context; a missing or bad file stops the start with its reason. */
    public void start() {
        if (!enabled) {
            return;
        }
        try {
            current = build();
        } catch (Exception e) {
            throw new StartupException("TLS: " + e.getMessage(), e);
        }
        log.info("TLS with {} ({}), client certificates {}", getProvider(), String.join(", ", protocols),
                clientAuth() == ClientAuth.NONE ? "not asked for" : clientAuth().name().toLowerCase());
    }

    /** A handler for a new connection, with the current certificates; its handshake is counted. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        SslHandler handler = current.newHandler(alloc);
        long openedMillis = System.currentTimeMillis();
        handler.handshakeFuture().addListener(done -> {
            if (!done.isSuccess()) {
                handshakeErrors.increment();
            } else if (handler.engine().getSession().getCreationTime() >= openedMillis) {
                newSessions.increment(); // a resumed session was made by an earlier connection
            }
        });
        return handler;
    }

    /** What {@code stats} shows of TLS. */
    public TlsFigures figures() {
        if (!enabled) {
            return TlsFigures.OFF;
        }
        return new TlsFigures(getProvider(), handshakeErrors.sum(), sessionCache ? newSessions.sum() : -1,
                lastRefreshMillis);
    }

    @Override
    public String getProvider() {
        if (!enabled) {
            return "off";
        }
        return provider == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK";
    }

    @Override
    public List<String> getProtocols() {
        return enabled ? protocols : List.of();
    }

    /**
     * Loads the certificate files again. When they do not load, the old
     * certificates stay and the reason is thrown.
     */
    @Override
    public void reloadCertificates() {
        if (!enabled) {
            throw new IllegalStateException("TLS not enabled");
        }
        try {
            current = build();
            lastRefreshMillis = System.currentTimeMillis();
        } catch (Exception e) {
            log.warn("Certificates not reloaded, the old ones stay: {}", e.getMessage());
            throw new IllegalStateException("failed to reload certificates: " + e.getMessage());
        }
        log.info("Certificates reloaded from {}", settings.get(TlsSettings.CHAIN_CERT));
    }

    private SslContext build() throws Exception {
        String chain = settings.get(TlsSettings.CHAIN_CERT);
        String key = settings.get(TlsSettings.KEY);
        if (chain.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("ssl_chain_cert and ssl_key must both be set");
        }
        SslContextBuilder builder = SslContextBuilder.forServer(new File(chain), new File(key))
                .sslProvider(provider)
                .protocols(protocols)
                .clientAuth(clientAuth());
        String ca = settings.get(TlsSettings.CA_CERT);
        if (!ca.isEmpty()) {
            builder.trustManager(new File(ca));
        }
        String ciphers = settings.get(TlsSettings.CIPHERS);
        if (!ciphers.isEmpty()) {
            builder.ciphers(List.of(ciphers.split(":")));
        }
        if (sessionCache) {
            builder.sessionCacheSize(SESSION_CACHE_SIZE);
        }
        SslContext context = builder.build();
        if (context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            // Without ssl_session_cache no session is kept for resuming, as memcached keeps none (the JDK's
            // engine keeps its own default cache).
            openSsl.setSessionCacheEnabled(sessionCache);
        }
        return context;
    }

    private ClientAuth clientAuth() {
        return switch (settings.get(TlsSettings.VERIFY_MODE)) {
            case 0 -> ClientAuth.NONE;
            case 1 -> ClientAuth.OPTIONAL;
            default -> ClientAuth.REQUIRE;
        };
    }
}
