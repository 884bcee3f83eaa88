package dev.larder.admin.api;

import dev.larder.admin.http.Json;
import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.protocol.ProtocolMXBean;
import dev.larder.spi.store.StorageMXBean;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
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

    StatsApi(BeanReader beans) {
        this.protocol = beans.view(ProtocolMXBean.PROPERTIES, ProtocolMXBean.class);
        this.buffers = beans.view(BufferStatsMXBean.PROPERTIES, BufferStatsMXBean.class);
        this.storage = beans.view(StorageMXBean.PROPERTIES, StorageMXBean.class);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("time", System.currentTimeMillis());
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
        Json.ok(exchange, stats);
    }
}
