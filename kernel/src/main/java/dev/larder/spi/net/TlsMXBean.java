package dev.larder.spi.net;

import dev.larder.spi.Description;
import java.util.List;

/** {@code dev.larder:type=Network,name=Tls}: the TLS engine in use and certificate reloading. */
@Description("dev.larder:type=Network,name=Tls: the TLS engine in use and certificate reloading.")
public interface TlsMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Network,name=Tls";

    /** "OpenSSL" (netty-tcnative) or "JDK"; "off" when TLS is not enabled. */
    @Description("\"OpenSSL\" (netty-tcnative) or \"JDK\"; \"off\" when TLS is not enabled.")
    String getProvider();

    @Description("The TLS versions accepted")
    List<String> getProtocols();

    /** Loads the certificate files again; new connections get them, open ones keep theirs. */
    @Description("Loads the certificate files again; new connections get them, open ones keep theirs.")
    void reloadCertificates();
}
