package dev.larder.admin.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one user, {@code admin}, and its password: the hash from
 * {@code admin.password} when set; otherwise a random password made at first
 * start and kept in a file only its owner can read, whose location is logged
 * (never the password).
 */
public final class AdminCredentials {

    public static final String USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);

    private final String hash;

    private AdminCredentials(String hash) {
        this.hash = hash;
    }

    public static AdminCredentials fromHash(String hash) {
        if (!PasswordHash.isHash(hash)) {
            throw new IllegalArgumentException("admin.password must be a hash (see README: the admin console)");
        }
        return new AdminCredentials(hash);
    }

    /** The password kept in {@code file}, made and written there (mode 600) when the file does not exist. */
    public static AdminCredentials fromFile(Path file) throws IOException {
        String password;
        if (Files.exists(file)) {
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
            log.info("Admin console password: in {}", file);
        } else {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            log.info("Admin console password generated: in {} (user admin)", file);
        }
        return new AdminCredentials(PasswordHash.hash(password.toCharArray()));
    }

    public boolean check(String user, char[] password) {
        return USER.equals(user) & PasswordHash.matches(password, hash);
    }
}
