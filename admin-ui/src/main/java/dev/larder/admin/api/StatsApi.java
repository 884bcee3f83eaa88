package dev.larder.admin.api;

import dev.larder.admin.http.Json;
import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.TlsFigures;
import dev.larder.spi.protocol.ProtocolMXBean;
import dev.larder.spi.store.StorageMXBean;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/stats}: the figures the console charts, totals since start
 * (the page turns them into rates), read from the MXBeans.
 */
final class StatsApi implements HttpHandler {

    private final BeanView<ProtocolMXBean> protocol;
    private final BeanView<BufferStatsMXBean> buffers;
    private final BeanView<StorageMXBean> storage;
    private final NetworkStatistics network;
    private final String version;

    StatsApi(BeanReader beans, NetworkStatistics network, String version) {
        this.network = network;
        this.version = version;
        this.protocol = beans.view(ProtocolMXBean.PROPERTIES, ProtocolMXBean.class);
        this.buffers = beans.view(BufferStatsMXBean.PROPERTIES, BufferStatsMXBean.class);
        this.storage = beans.view(StorageMXBean.PROPERTIES, StorageMXBean.class);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Json.ok(exchange, snapshot());
    }

    /** The figures now: totals since start, which the page turns into rates, and what the header shows. */
    Map<String, Object> snapshot() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("time", System.currentTimeMillis());
        stats.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        stats.put("version", version);
        TlsFigures tls = network.tls();
        stats.put("tls", tls.enabled() ? tls.provider() : "off");
        Map<String, Long> commands = new LinkedHashMap<>();
        commands.put("get", protocol.read(ProtocolMXBean::getCmdGet));
        commands.put("set", protocol.read(ProtocolMXBean::getCmdSet));
        commands.put("touch", protocol.read(ProtocolMXBean::getCmdTouch));
        commands.put("flush", protocol.read(ProtocolMXBean::getCmdFlush));
        commands.put("delete", protocol.read(p -> p.getDeleteHits() + p.getDeleteMisses()));
        commands.put("incr", protocol.read(p -> p.getIncrHits() + p.getIncrMisses()));
        commands.put("decr", protocol.read(p -> p.getDecrHits() + p.getDecrMisses()));
        stats.put("commands", commands);
        stats.put("getHits", protocol.read(ProtocolMXBean::getGetHits));
        stats.put("getMisses", protocol.read(ProtocolMXBean::getGetMisses));
        stats.put("bytesRead", buffers.read(BufferStatsMXBean::getBytesRead));
        stats.put("bytesWritten", buffers.read(BufferStatsMXBean::getBytesWritten));
        stats.put("currentConnections", buffers.read(BufferStatsMXBean::getCurrentConnections));
        stats.put("totalConnections", buffers.read(BufferStatsMXBean::getTotalConnections));
        stats.put("rejectedConnections", buffers.read(BufferStatsMXBean::getRejectedConnections));
        stats.put("storeBytes", storage.read(StorageMXBean::getTotalMalloced));
        stats.put("storeLimit", storage.read(StorageMXBean::getLimitMaxbytes));
        stats.put("currItems", storage.read(StorageMXBean::getCurrItems));
        stats.put("evictions", storage.read(StorageMXBean::getEvictions));
        stats.put("pooledDirectMemory", buffers.read(BufferStatsMXBean::getPooledDirectMemory));
        stats.put("pooledHeapMemory", buffers.read(BufferStatsMXBean::getPooledHeapMemory));
        stats.put("yields", buffers.read(BufferStatsMXBean::getYields));
        stats.put("idleKicks", buffers.read(BufferStatsMXBean::getIdleKicks));
        return stats;
    }
}
