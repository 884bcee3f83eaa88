package dev.larder.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @Test
    void aGeneratedPasswordIsKeptInAFileOnlyItsOwnerReadsAndUsedAgainNextTime(@TempDir Path conf) throws Exception {
        Path file = conf.resolve("admin.password");
        AdminCredentials first = AdminCredentials.fromFile(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(first.check("admin", password.toCharArray())).isTrue();
        assertThat(first.check("admin", "guess".toCharArray())).isFalse();
        assertThat(first.check("root", password.toCharArray())).isFalse();
        assertThat(AdminCredentials.fromFile(file).check("admin", password.toCharArray())).isTrue();
    }

    @Test
    void aConfiguredHashIsCheckedAndAPlainPasswordIsRefused() {
        AdminCredentials credentials = AdminCredentials.fromHash(PasswordHash.hash("s3cret".toCharArray()));
        assertThat(credentials.check("admin", "s3cret".toCharArray())).isTrue();
        assertThat(credentials.check("admin", "s3cre".toCharArray())).isFalse();
        assertThatThrownBy(() -> AdminCredentials.fromHash("s3cret")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongPasswordsInARowWaitLongerUpToALimit() {
        LoginThrottle throttle = new LoginThrottle();
        long first = throttle.failed();
        long second = throttle.failed();
        assertThat(second).isGreaterThan(first);
        for (int i = 0; i < 100; i++) {
            throttle.failed();
        }
        assertThat(throttle.failed()).isEqualTo(10_000);
        throttle.succeeded();
        assertThat(throttle.failed()).isEqualTo(first);
    }
}
