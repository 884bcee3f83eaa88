package dev.larder.protocol.memcached.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.spi.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memcached's -Y file: user:password lines, comments and blanks skipped, anything else refused at start. */
class AuthenticatorTest {

    @TempDir
    Path dir;

    @Test
    void offChecksNobody() {
        Authenticator off = Authenticator.off();
        assertThat(off.enabled()).isFalse();
        assertThat(off.check("any", "thing".getBytes(UTF_8))).isFalse();
    }

    @Test
    void readsUsersSkippingCommentsAndBlankLinesAndKeepsColonsInPasswords() throws Exception {
        Path file = Files.writeString(dir.resolve("auth"), "# users\n\nalice:s3cret\n bob:a:b:c \n");
        Authenticator auth = Authenticator.fromFile(file);
        assertThat(auth.enabled()).isTrue();
        assertThat(auth.check("alice", "s3cret".getBytes(UTF_8))).isTrue();
        assertThat(auth.check("alice", "s3cre".getBytes(UTF_8))).isFalse();
        assertThat(auth.check("bob", "a:b:c".getBytes(UTF_8))).isTrue();
        assertThat(auth.check("carol", "s3cret".getBytes(UTF_8))).isFalse();
    }

    @Test
    void aMissingMalformedOrEmptyFileStopsTheStartSayingWhy() throws Exception {
        assertThatThrownBy(() -> Authenticator.fromFile(dir.resolve("none")))
                .isInstanceOf(StartupException.class).hasMessageContaining("Cannot read the auth file");
        Path malformed = Files.writeString(dir.resolve("malformed"), "alice:ok\njust-a-name\n");
        assertThatThrownBy(() -> Authenticator.fromFile(malformed))
                .isInstanceOf(StartupException.class).hasMessageContaining("line 2 is not user:password");
        Path empty = Files.writeString(dir.resolve("empty"), "# nobody\n");
        assertThatThrownBy(() -> Authenticator.fromFile(empty))
                .isInstanceOf(StartupException.class).hasMessageContaining("names no user");
    }
}
