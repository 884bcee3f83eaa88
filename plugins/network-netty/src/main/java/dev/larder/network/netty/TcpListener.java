package dev.larder.network.netty;

import dev.larder.spi.StartupException;
import dev.larder.spi.KernelSettings;
import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts memcached clients on every address of the {@code listen} setting. */
@Singleton
public final class TcpListener implements Service {

    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    private final ProtocolSessionFactory protocols;
    private final Settings settings;
    private final AtomicLong connectionIds = new AtomicLong();
    private final List<Channel> listening = new ArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup("larder-connections", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup loops;

    @Inject
    TcpListener(ProtocolSessionFactory protocols, Settings settings) {
        this.protocols = protocols;
        this.settings = settings;
    }

    @Override
    public Slot phase() {
        return Slot.NETWORK;
    }

    @Override
    public void start() {
        loops = new MultiThreadIoEventLoopGroup(settings.get(NetworkSettings.THREADS),
                new DefaultThreadFactory("larder-io"), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, settings.get(NetworkSettings.BACKLOG))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new BufferEventHandler(connectionIds.incrementAndGet(), protocols));
                    }
                });
        int port = settings.get(NetworkSettings.PORT);
        for (String address : settings.get(NetworkSettings.LISTEN).split(",")) {
            InetSocketAddress wanted = new InetSocketAddress(address.trim(), port);
            try {
                Channel channel = bootstrap.bind(wanted).syncUninterruptibly().channel();
                listening.add(channel);
                log.info("memcached listening on {}", describe((InetSocketAddress) channel.localAddress()));
            } catch (Exception e) {
                stop();
                throw new StartupException("Cannot listen on " + describe(wanted) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The addresses actually bound (useful with port 0). */
    public List<InetSocketAddress> boundAddresses() {
        return listening.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /**
     * Stops gracefully: no new connections, pending responses flushed within the
     * {@code shutdown_timeout}, then every connection closed.
     */
    @Override
    public void stop() {
        listening.forEach(channel -> channel.close().syncUninterruptibly());
        listening.clear();
        int timeout = settings.get(KernelSettings.SHUTDOWN_TIMEOUT);
        if (!connections.isEmpty()) {
            connections.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(timeout, TimeUnit.SECONDS);
            connections.close().awaitUninterruptibly(timeout, TimeUnit.SECONDS);
        }
        if (loops != null) {
            loops.shutdownGracefully(0, timeout, TimeUnit.SECONDS).syncUninterruptibly();
            loops = null;
        }
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
