package dev.larder.network.netty;

import dev.larder.spi.StartupException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The I/O transport, through Netty's native libraries on Linux: {@code auto}
 * takes io_uring where the kernel allows it, epoll where not, Java NIO where
 * neither loads. io_uring costs as little CPU per request as epoll or less on a
 * dedicated core, with a sixth of its system calls (bench/README.md).
 */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel,
                 Class<? extends ServerChannel> domainServerChannel, Class<? extends Channel> datagramChannel) {

    /** Netty's switch for io_uring's multishot accept. */
    private static final String ACCEPT_MULTISHOT = "io.netty.iouring.acceptMultiShotEnabled";

    static {
        // A multishot accept takes in a whole backlog at once, before it sees the resets of those connections
        // that are already gone: clients that connect and close in a row then fill -c and are turned away.
        // One accept at a time, as under epoll. Set before Netty's IoUring class reads it.
        if (System.getProperty(ACCEPT_MULTISHOT) == null) {
            System.setProperty(ACCEPT_MULTISHOT, "false");
        }
    }

    /**
     * Loads the native transport on another thread while the server is wired,
     * a few tenths of a second of the start otherwise spent waiting for it.
     */
    static void warmUp() {
        Thread warmer = new Thread(() -> {
            try {
                ClassLoader loader = Transport.class.getClassLoader();
                List<Class<?>> types = IoUring.isAvailable()
                        ? List.of(IoUringIoHandler.class, IoUringServerSocketChannel.class)
                        : Epoll.isAvailable()
                        ? List.of(EpollIoHandler.class, EpollServerSocketChannel.class, EpollSocketChannel.class)
                        : List.of();
                for (Class<?> type : types) {
                    Class.forName(type.getName(), true, loader);
                }
                for (Class<?> type : List.of(ServerBootstrap.class, MultiThreadIoEventLoopGroup.class)) {
                    Class.forName(type.getName(), true, loader);
                }
            } catch (Throwable notHere) {
                // choose() says why, when it matters
            }
        }, "larder-transport-warm-up");
        warmer.setDaemon(true);
        warmer.start();
    }

    static Transport choose(String wanted) {
        return switch (wanted) {
            case "nio" -> nio();
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    throw new StartupException("transport=epoll, but epoll is not available: "
                            + Epoll.unavailabilityCause());
                }
                yield epoll();
            }
            case "io_uring" -> {
                if (!IoUring.isAvailable()) {
                    throw new StartupException("transport=io_uring, but io_uring is not available: "
                            + IoUring.unavailabilityCause());
                }
                yield ioUring();
            }
            case "auto" -> {
                if (IoUring.isAvailable()) {
                    yield ioUring();
                }
                if (Epoll.isAvailable()) {
                    yield epoll();
                }
                LoggerFactory.getLogger(Transport.class).info("epoll not available, using NIO: {}",
                        String.valueOf(Epoll.unavailabilityCause()));
                yield nio();
            }
            default -> throw new StartupException(
                    "transport must be auto, epoll, io_uring or nio, not '" + wanted + "'");
        };
    }

    private static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                EpollServerDomainSocketChannel.class, EpollDatagramChannel.class);
    }

    private static Transport ioUring() {
        return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                IoUringServerDomainSocketChannel.class, IoUringDatagramChannel.class);
    }

    private static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, null,
                NioDatagramChannel.class);
    }
}
