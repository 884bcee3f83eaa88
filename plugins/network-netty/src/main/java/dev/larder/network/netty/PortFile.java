package dev.larder.network.netty;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * memcached's MEMCACHED_PORT_FILENAME: when the environment names a file, the
 * ports bound are written to it once all are bound ("TCP INET: 11211"), so a
 * script that asked for free ports (-p -1, -U -1) learns which it got.
 */
final class PortFile {

    private PortFile() {
    }

    static void write(List<Channel> listening) {
        String name = System.getenv("MEMCACHED_PORT_FILENAME");
        if (name == null || name.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Channel channel : listening) {
            if (channel.localAddress() instanceof InetSocketAddress address) {
                lines.append(channel instanceof ServerChannel ? "TCP" : "UDP")
                        .append(address.getAddress() instanceof Inet6Address ? " INET6: " : " INET: ")
                        .append(address.getPort()).append('\n');
            }
        }
        Path file = Path.of(name);
        Path temporary = Path.of(name + ".lck");
        try {
            Files.writeString(temporary, lines, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LoggerFactory.getLogger(PortFile.class).warn("Cannot write the ports to {}: {}", file, e.toString());
        }
    }
}
