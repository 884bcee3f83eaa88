package dev.larder.network.netty;

import dev.larder.network.netty.tls.HangupReload;
import dev.larder.network.netty.tls.TlsContexts;
import dev.larder.network.netty.tls.TlsSettings;
import dev.larder.spi.KernelSettings;
import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import dev.larder.spi.StartupException;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts memcached clients on every address of the {@code listen} setting,
 * plain or TLS, and on the TLS port when one is set.
 */
@Singleton
public final class TcpListener implements Service {

    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
    private static final AdaptiveRecvByteBufAllocator SHARED_RECEIVE_ALLOCATOR = new AdaptiveRecvByteBufAllocator();
    private static final InputScratch INPUT_SCRATCH = new InputScratch();
    private static final byte[] TOO_MANY = "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ProtocolSessionFactory protocols;
    private final Settings settings;
    private final ConnectionRegistry registry;
    private final FairShare fairShare;
    private final InputBudget inputBudget;
    private final OutputBudget outputBudget;
    private final TlsContexts tls;
    private final IdleSweep idleSweep;
    private final List<Channel> listening = new ArrayList<>();
    private EventLoopGroup loops;

    @Inject
    TcpListener(ProtocolSessionFactory protocols, Settings settings, ConnectionRegistry registry, FairShare fairShare,
                InputBudget inputBudget, OutputBudget outputBudget, IdleTimer idleTimer, TlsContexts tls) {
        this.inputBudget = inputBudget;
        this.outputBudget = outputBudget;
        this.protocols = protocols;
        this.settings = settings;
        this.registry = registry;
        this.fairShare = fairShare;
        this.tls = tls;
        this.idleSweep = new IdleSweep(registry, idleTimer);
    }

    @Override
    public Slot phase() {
        return Slot.NETWORK;
    }

    @Override
    public void start() {
        tls.start();
        Transport transport = Transport.choose(settings.get(NetworkSettings.TRANSPORT));
        loops = new IoLoops(settings.get(NetworkSettings.THREADS), transport.ioHandlers(),
                settings.get(NetworkSettings.IO_YIELD_MICROS));
        idleSweep.start(loops);
        int port = settings.get(NetworkSettings.PORT);
        int tlsPort = settings.get(TlsSettings.TLS_PORT);
        boolean allTls = settings.get(TlsSettings.ENABLED) && tlsPort == 0;
        for (String address : settings.get(NetworkSettings.LISTEN).split(",")) {
            bind(transport, new InetSocketAddress(address.trim(), port), allTls);
            if (tlsPort > 0) {
                bind(transport, new InetSocketAddress(address.trim(), tlsPort), true);
            }
        }
        if (tls.enabled()) {
            HangupReload.install(tls);
        }
        log.info("Direct memory for items and buffers: {} MB at most (connections stop reading near it)",
                DirectMemory.cap() / (1024 * 1024));
    }

    private void bind(Transport transport, InetSocketAddress wanted, boolean withTls) {
        int threshold = Math.toIntExact(settings.get(NetworkSettings.VALUE_BY_REFERENCE_THRESHOLD));
        WriteBufferWaterMark waterMark = new WriteBufferWaterMark(
                Math.toIntExact(settings.get(NetworkSettings.WRITE_LOW_WATER)),
                Math.toIntExact(settings.get(NetworkSettings.WRITE_HIGH_WATER)));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, settings.get(NetworkSettings.BACKLOG))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                // One allocator for all connections (it keeps no state; each connection's handle does).
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, SHARED_RECEIVE_ALLOCATOR)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!registry.admit()) {
                            // memcached's answer when full, in plain text even to a TLS client, as memcached.
                            ch.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
                            return;
                        }
                        if (withTls) {
                            ch.config().setAllocator(ConnectionAllocators.TLS);
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        if (OutputScratch.usableBy(ch, withTls)) {
                            ch.config().setRecvByteBufAllocator(INPUT_SCRATCH);
                        }
                        ch.pipeline().addLast(new BufferEventHandler(registry.nextId(), protocols, registry,
                                fairShare, inputBudget, outputBudget, threshold, withTls));
                    }
                });
        try {
            Channel channel = bootstrap.bind(wanted).syncUninterruptibly().channel();
            listening.add(channel);
            log.info("memcached{} listening on {} ({})", withTls ? " over TLS" : "",
                    BufferEventHandler.describe(channel.localAddress()), transport.name());
        } catch (Exception e) {
            stop();
            throw new StartupException("Cannot listen on " + BufferEventHandler.describe(wanted) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The addresses actually bound (useful with port 0), plain and TLS in the order bound. */
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
        idleSweep.stop();
        int timeout = settings.get(KernelSettings.SHUTDOWN_TIMEOUT);
        registry.closeAll(timeout, TimeUnit.SECONDS);
        if (loops != null) {
            loops.shutdownGracefully(0, timeout, TimeUnit.SECONDS).syncUninterruptibly();
            loops = null;
        }
    }
}
