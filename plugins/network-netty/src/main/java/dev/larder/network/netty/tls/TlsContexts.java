package dev.larder.network.netty.tls;

import dev.larder.spi.Settings;
import dev.larder.spi.StartupException;
import dev.larder.spi.net.TlsMXBean;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.util.List;
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
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Settings settings;
    private final boolean enabled;
    private final SslProvider provider;
    private volatile SslContext current;

    @Inject
    public TlsContexts(Settings settings) {
        this.settings = settings;
        this.enabled = settings.get(TlsSettings.ENABLED) || settings.get(TlsSettings.TLS_PORT) > 0;
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
        log.info("TLS with {} ({}), client certificates {}", getProvider(), String.join(", ", PROTOCOLS),
                clientAuth() == ClientAuth.NONE ? "not asked for" : clientAuth().name().toLowerCase());
    }

    public SslHandler newHandler(ByteBufAllocator alloc) {
        return current.newHandler(alloc);
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
        return enabled ? PROTOCOLS : List.of();
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
                .protocols(PROTOCOLS)
                .clientAuth(clientAuth());
        String ca = settings.get(TlsSettings.CA_CERT);
        if (!ca.isEmpty()) {
            builder.trustManager(new File(ca));
        }
        return builder.build();
    }

    private ClientAuth clientAuth() {
        return switch (settings.get(TlsSettings.VERIFY_MODE)) {
            case 0 -> ClientAuth.NONE;
            case 1 -> ClientAuth.OPTIONAL;
            default -> ClientAuth.REQUIRE;
        };
    }
}
