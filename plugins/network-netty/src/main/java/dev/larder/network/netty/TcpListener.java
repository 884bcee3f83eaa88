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
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.DomainSocketAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
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
    private static final LoopReceiveBuffer LOOP_RECEIVE_BUFFER = new LoopReceiveBuffer();
    private static final InputScratch INPUT_SCRATCH = new InputScratch();

    private final ProtocolSessionFactory protocols;
    private final Settings settings;
    private final ConnectionRegistry registry;
    private final FairShare fairShare;
    private final InputBudget inputBudget;
    private final OutputBudget outputBudget;
    private final TlsContexts tls;
    private final IdleSweep idleSweep;
    private final Clock clock;
    private final List<Channel> listening = new ArrayList<>();
    private EventLoopGroup loops;

    @Inject
    TcpListener(ProtocolSessionFactory protocols, Settings settings, ConnectionRegistry registry, FairShare fairShare,
                InputBudget inputBudget, OutputBudget outputBudget, IdleTimer idleTimer, TlsContexts tls,
                Clock clock) {
        this.inputBudget = inputBudget;
        this.outputBudget = outputBudget;
        this.protocols = protocols;
        this.settings = settings;
        this.registry = registry;
        this.fairShare = fairShare;
        this.tls = tls;
        this.clock = clock;
        this.idleSweep = new IdleSweep(registry, idleTimer, clock);
    }

    @Override
    public Slot phase() {
        return Slot.NETWORK;
    }

    @Override
    public void start() {
        tls.start();
        Transport transport = Transport.choose(settings.get(NetworkSettings.TRANSPORT));
        registry.transportChosen(transport.name());
        log.info("I/O transport: {}", transport.name());
        loops = new IoLoops(settings.get(NetworkSettings.THREADS), transport.ioHandlers(),
                settings.get(NetworkSettings.IO_YIELD_MICROS));
        idleSweep.start(loops);
        int tlsPort = settings.get(TlsSettings.TLS_PORT);
        int udpPort = settings.get(NetworkSettings.UDP_PORT);
        // As memcached: a UDP port given without a TCP port is the TCP port too.
        boolean tcpPortGiven = settings.all().stream().anyMatch(v -> v.setting() == NetworkSettings.PORT
                && v.origin() != Settings.Origin.DEFAULT);
        int port = udpPort != 0 && !tcpPortGiven ? udpPort : settings.get(NetworkSettings.PORT);
        Endpoints endpoints = Endpoints.of(settings.get(NetworkSettings.LISTEN), port,
                settings.get(TlsSettings.ENABLED) && tlsPort == 0, tlsPort, settings.get(NetworkSettings.UNIX_SOCKET),
                udpPort);
        for (Endpoints.Endpoint endpoint : endpoints.all()) {
            bind(transport, endpoint.address(), endpoint.tls());
        }
        for (InetSocketAddress address : endpoints.udp()) {
            bindUdp(transport, address);
        }
        PortFile.write(listening);
        if (tls.enabled()) {
            HangupReload.install(tls);
        }
        log.info("Direct memory for items and buffers: {} MB at most (connections stop reading near it)",
                DirectMemory.cap() / (1024 * 1024));
    }

    private void bind(Transport transport, SocketAddress wanted, boolean withTls) {
        boolean unix = wanted instanceof DomainSocketAddress;
        if (unix && transport.domainServerChannel() == null) {
            throw new StartupException("A Unix socket (-s) needs the epoll or io_uring transport, not " + transport.name());
        }
        int threshold = Math.toIntExact(settings.get(NetworkSettings.VALUE_BY_REFERENCE_THRESHOLD));
        WriteBufferWaterMark waterMark = new WriteBufferWaterMark(
                Math.toIntExact(settings.get(NetworkSettings.WRITE_LOW_WATER)),
                Math.toIntExact(settings.get(NetworkSettings.WRITE_HIGH_WATER)));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(unix ? transport.domainServerChannel() : transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, settings.get(NetworkSettings.BACKLOG))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                // One allocator for all connections: each connection has its handle, each loop its kept buffer.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, LOOP_RECEIVE_BUFFER)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!registry.admit()) {
                            // The protocol's answer when full, in plain text even to a TLS client, as memcached.
                            ch.writeAndFlush(Unpooled.wrappedBuffer(protocols.tooManyConnections()))
                                    .addListener(ChannelFutureListener.CLOSE);
                            return;
                        }
                        if (withTls) {
                            ch.config().setAllocator(ConnectionAllocators.TLS);
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        if (OutputScratch.usableBy(ch, withTls)) {
                            ch.config().setRecvByteBufAllocator(INPUT_SCRATCH);
                        } else {
                            ch.closeFuture().addListener(closed -> LoopReceiveBuffer.closed(ch));
                        }
                        ch.pipeline().addLast(new BufferEventHandler(registry.nextId(), protocols, registry,
                                fairShare, inputBudget, outputBudget, threshold, withTls, clock));
                    }
                });
        if (unix) {
            UnixSocket.removeStale((DomainSocketAddress) wanted);
        } else {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true).childOption(ChannelOption.TCP_NODELAY, true);
        }
        try {
            Channel channel = bootstrap.bind(wanted).syncUninterruptibly().channel();
            if (unix) {
                UnixSocket.setMask((DomainSocketAddress) wanted, settings.get(NetworkSettings.UNIX_MASK));
            }
            listening.add(channel);
            registry.listening(describeBound(wanted, channel));
            log.info("memcached{} listening on {} ({})", withTls ? " over TLS" : "", describeBound(wanted, channel),
                    transport.name());
        } catch (Exception e) {
            stop();
            throw new StartupException("Cannot listen on " + Addresses.describe(wanted) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The address asked for, with the port bound: a dual-stack socket asked for
     * 0.0.0.0 reports itself as [::], where memcached (and its users) say 0.0.0.0.
     */
    private static String describeBound(SocketAddress wanted, Channel channel) {
        if (wanted instanceof InetSocketAddress asked && channel.localAddress() instanceof InetSocketAddress bound) {
            return Addresses.describe(new InetSocketAddress(asked.getAddress(), bound.getPort()));
        }
        return Addresses.describe(channel.localAddress());
    }

    /** memcached's UDP protocol on this address. */
    private void bindUdp(Transport transport, InetSocketAddress wanted) {
        try {
            // Netty reads datagrams into 2,048 bytes unless told: a 4 KB set would arrive cut short.
            Channel channel = new Bootstrap().group(loops).channel(transport.datagramChannel())
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpListener.MAX_DATAGRAM))
                    .handler(new UdpListener(protocols)).bind(wanted).syncUninterruptibly().channel();
            listening.add(channel);
            registry.listening("udp:" + describeBound(wanted, channel));
            log.info("memcached over UDP listening on {}", describeBound(wanted, channel));
        } catch (Exception e) {
            stop();
            throw new StartupException("Cannot listen for UDP on " + Addresses.describe(wanted) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The UDP addresses actually bound (useful with port -1). */
    public List<InetSocketAddress> boundUdpAddresses() {
        return listening.stream().filter(c -> c instanceof DatagramChannel).map(Channel::localAddress)
                .filter(InetSocketAddress.class::isInstance).map(InetSocketAddress.class::cast).toList();
    }

    /** The TCP addresses actually bound (useful with port 0), plain and TLS in the order bound. */
    public List<InetSocketAddress> boundAddresses() {
        return listening.stream().filter(c -> c instanceof ServerChannel).map(Channel::localAddress)
                .filter(InetSocketAddress.class::isInstance).map(InetSocketAddress.class::cast).toList();
    }

    /**
     * Stops gracefully: no new connections, pending responses flushed within the
     * {@code shutdown_timeout}, then every connection closed.
     */
    @Override
    public void stop() {
        listening.forEach(channel -> channel.close().syncUninterruptibly());
        listening.clear();
        registry.stoppedListening();
        idleSweep.stop();
        int timeout = settings.get(KernelSettings.SHUTDOWN_TIMEOUT);
        registry.closeAll(timeout, TimeUnit.SECONDS);
        if (loops != null) {
            loops.shutdownGracefully(0, timeout, TimeUnit.SECONDS).syncUninterruptibly();
            loops = null;
        }
    }
}
