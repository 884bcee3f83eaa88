package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.spi.net.Connection;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** SASL for one connection, with the one mechanism memcached offers with a password file: PLAIN. */
final class SaslPlain {

    private static final byte[] PLAIN = "PLAIN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTHENTICATED = "Authenticated".getBytes(StandardCharsets.US_ASCII);

    private final Authenticator authenticator;
    /** Always true when authentication is off. */
    private boolean authenticated;

    SaslPlain(Authenticator authenticator) {
        this.authenticator = authenticator;
        this.authenticated = !authenticator.enabled();
    }

    boolean authenticated() {
        return authenticated;
    }

    /** Whether this request is a SASL step to serve here: only while authentication is on. */
    boolean handles(int opcode) {
        return authenticator.enabled()
                && (opcode == Opcode.SASL_LIST_MECHS || opcode == Opcode.SASL_AUTH || opcode == Opcode.SASL_STEP);
    }

    /** PLAIN's value is "[authzid] NUL user NUL password"; acting as someone else (an authzid not the user) is refused. */
    void serve(Connection c, Packet p) {
        if (p.opcode == Opcode.SASL_LIST_MECHS) {
            Responses.start(c, p, Status.SUCCESS, 0, 0, PLAIN.length, 0).writeBytes(PLAIN);
            return;
        }
        boolean plain = p.keyLength == PLAIN.length && p.key().equals(Unpooled.wrappedBuffer(PLAIN));
        String[] parts = p.value().toString(StandardCharsets.UTF_8).split("\0", -1);
        authenticated = p.opcode == Opcode.SASL_AUTH && plain && parts.length == 3
                && (parts[0].isEmpty() || parts[0].equals(parts[1]))
                && authenticator.check(parts[1], parts[2].getBytes(StandardCharsets.UTF_8));
        if (authenticated) {
            Responses.start(c, p, Status.SUCCESS, 0, 0, AUTHENTICATED.length, 0).writeBytes(AUTHENTICATED);
        } else {
            Responses.error(c, p, Status.AUTH_ERROR);
        }
    }
}
