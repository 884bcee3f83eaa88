package dev.larder.network.netty.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made on the spot for TLS tests: an authority and the certificates it signs, as PEM files. */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A key and its certificate. */
    public record Issued(KeyPair key, X509Certificate certificate) {

        public String commonName() {
            return certificate.getSubjectX500Principal().getName();
        }

        /** Writes the certificate and the key (PKCS#8) as PEM files named prefix.crt and prefix.key. */
        public void writeTo(Path dir, String prefix) throws Exception {
            Files.writeString(dir.resolve(prefix + ".crt"), pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(dir.resolve(prefix + ".key"), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
        }

        /** A client context that presents this certificate and trusts {@code authority}. */
        public SSLContext clientContextTrusting(Issued authority) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trusting(authority).getTrustManagers(), null);
            return context;
        }
    }

    private TestCertificates() {
    }

    public static Issued authority(String name) throws Exception {
        KeyPair key = newKey();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name),
                serial(), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=" + name), key.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return new Issued(key, sign(builder, key));
    }

    /** A certificate for 127.0.0.1 signed by {@code authority}, valid for the days given (negative: expired). */
    public static Issued issue(Issued authority, String name, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair key = newKey();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority.certificate(),
                serial(), Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + name), key.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return new Issued(key, sign(builder, authority.key()));
    }

    public static Issued issue(Issued authority, String name) throws Exception {
        Instant now = Instant.now();
        return issue(authority, name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    /** A client context trusting only {@code authority}, presenting no certificate. */
    public static SSLContext clientContext(Issued authority) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusting(authority).getTrustManagers(), null);
        return context;
    }

    private static TrustManagerFactory trusting(Issued authority) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    public static void writeAuthority(Issued authority, Path file) throws Exception {
        Files.writeString(file, pem("CERTIFICATE", authority.certificate().getEncoded()));
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static String pem(String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
