package dev.larder.network.netty.tls;

import dev.larder.spi.Setting;
import java.util.List;

/** TLS settings, named as memcached's ({@code -Z}, {@code -o ssl_chain_cert=...}). */
public final class TlsSettings {

    public static final Setting<Boolean> ENABLED = Setting.bool("ssl_enabled", false)
            .description("TLS on every listener, or only on tls_port when that is set (memcached's -Z)")
            .flags("-Z", "--enable-ssl")
            .build();

    public static final Setting<Integer> TLS_PORT = Setting.integer("tls_port", 0)
            .description("A separate TLS port beside the plain one; 0 for none. Setting it enables TLS there")
            .flags("--tls-port")
            .paramLabel("PORT")
            .range(0, 65535)
            .build();

    public static final Setting<String> CHAIN_CERT = Setting.string("ssl_chain_cert", "")
            .description("PEM file of the server certificate and its chain")
            .paramLabel("FILE")
            .build();

    public static final Setting<String> KEY = Setting.string("ssl_key", "")
            .description("PEM file of the server's private key (PKCS#8 or PKCS#1)")
            .paramLabel("FILE")
            .build();

    public static final Setting<String> CA_CERT = Setting.string("ssl_ca_cert", "")
            .description("PEM file of the certificate authorities trusted for client certificates")
            .paramLabel("FILE")
            .build();

    public static final Setting<Integer> VERIFY_MODE = Setting.integer("ssl_verify_mode", 0)
            .description("Client certificates: 0 not asked, 1 asked for, 2 required, 3 required (memcached's"
                    + " ssl_verify_mode)")
            .range(0, 3)
            .build();

    public static final Setting<Integer> MIN_VERSION = Setting.integer("ssl_min_version", 2)
            .description("The oldest TLS version accepted: 0 TLSv1, 1 TLSv1.1, 2 TLSv1.2, 3 TLSv1.3 (memcached's"
                    + " ssl_min_version)")
            .range(0, 3)
            .build();

    public static final Setting<String> CIPHERS = Setting.string("ssl_ciphers", "")
            .description("OpenSSL cipher list for TLS 1.2 and older, colon-separated; empty for the provider's"
                    + " defaults")
            .build();

    public static final Setting<Boolean> SESSION_CACHE = Setting.bool("ssl_session_cache", false)
            .description("A server-side cache of TLS sessions, so returning clients resume them (stats:"
                    + " ssl_new_sessions)")
            .build();

    public static final List<Setting<?>> ALL = List.of(ENABLED, TLS_PORT, CHAIN_CERT, KEY, CA_CERT, VERIFY_MODE,
            MIN_VERSION, CIPHERS, SESSION_CACHE);

    private TlsSettings() {
    }
}
