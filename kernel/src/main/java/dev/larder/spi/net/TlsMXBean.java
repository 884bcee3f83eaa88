package dev.larder.spi.net;

import java.util.List;

/** {@code dev.larder:type=Network,name=Tls}: the TLS engine in use and certificate reloading. */
public interface TlsMXBean {

    /** "OpenSSL" (netty-tcnative) or "JDK"; "off" when TLS is not enabled. */
    String getProvider();

    List<String> getProtocols();

    /** Loads the certificate files again; new connections get them, open ones keep theirs. */
    void reloadCertificates();
}
