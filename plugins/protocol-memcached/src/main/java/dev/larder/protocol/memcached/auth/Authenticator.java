package dev.larder.protocol.memcached.auth;

import dev.larder.spi.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users allowed in when authentication is on: memcached's {@code -Y} file,
 * one {@code user:password} per line. Off when no file is configured.
 */
public final class Authenticator {

    private final Map<String, byte[]> passwords;

    private Authenticator(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    public static Authenticator off() {
        return new Authenticator(null);
    }

    /** Reads the user file; an unreadable or malformed one stops the start with a message. */
    public static Authenticator fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("Cannot read the auth file " + file + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> passwords = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new StartupException("The auth file " + file + " line " + (n + 1) + " is not user:password");
            }
            passwords.put(line.substring(0, colon), line.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        if (passwords.isEmpty()) {
            throw new StartupException("The auth file " + file + " names no user");
        }
        return new Authenticator(passwords);
    }

    public boolean enabled() {
        return passwords != null;
    }

    /** Whether the user exists with this password; compared in constant time. */
    public boolean check(String user, byte[] password) {
        byte[] expected = passwords == null ? null : passwords.get(user);
        return expected != null && MessageDigest.isEqual(expected, password);
    }
}
