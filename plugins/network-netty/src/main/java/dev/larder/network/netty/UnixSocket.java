package dev.larder.network.netty;

import dev.larder.spi.StartupException;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** What memcached does around its Unix socket: a stale one is removed, and its mode set from {@code -a}. */
final class UnixSocket {

    private UnixSocket() {
    }

    /** A socket file left by a server that is gone is removed; any other file in the way is not. */
    static void removeStale(DomainSocketAddress address) {
        Path path = Path.of(address.path());
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && isSocket(path)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StartupException("Cannot remove the old Unix socket " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer m && (m & 0170000) == 0140000;
    }

    /** Sets the socket's mode from an octal mask such as 700 (memcached's -a). */
    static void setMask(DomainSocketAddress address, String octal) {
        int mask;
        try {
            mask = Integer.parseInt(octal, 8);
        } catch (NumberFormatException e) {
            throw new StartupException("-a " + octal + ": the Unix socket's mask is an octal number such as 700");
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first, OTHERS_EXECUTE last
        for (int i = 0; i < bits.length; i++) {
            if ((mask & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        try {
            Files.setPosixFilePermissions(Path.of(address.path()), permissions);
        } catch (IOException e) {
            throw new StartupException("Cannot set the mode of the Unix socket " + address.path() + ": "
                    + e.getMessage(), e);
        }
    }
}
