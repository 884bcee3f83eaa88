package dev.larder.admin.api;

import dev.larder.admin.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/stats}: the figures the console charts, totals since start
 * (the page turns them into rates), read from the MXBeans.
 */
final class StatsApi implements HttpHandler {

    private static final String PROTOCOL = "type=Protocol";
    private static final String BUFFERS = "type=Network,name=BufferStats";
    private static final String STORAGE = "type=Storage";

    private final BeanReader beans;

    StatsApi(BeanReader beans) {
        this.beans = beans;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("time", System.currentTimeMillis());
        Map<String, Long> commands = new LinkedHashMap<>();
        commands.put("get", beans.number(PROTOCOL, "CmdGet"));
        commands.put("set", beans.number(PROTOCOL, "CmdSet"));
        commands.put("touch", beans.number(PROTOCOL, "CmdTouch"));
        commands.put("flush", beans.number(PROTOCOL, "CmdFlush"));
        commands.put("delete", beans.number(PROTOCOL, "DeleteHits") + beans.number(PROTOCOL, "DeleteMisses"));
        commands.put("incr", beans.number(PROTOCOL, "IncrHits") + beans.number(PROTOCOL, "IncrMisses"));
        commands.put("decr", beans.number(PROTOCOL, "DecrHits") + beans.number(PROTOCOL, "DecrMisses"));
        stats.put("commands", commands);
        stats.put("getHits", beans.number(PROTOCOL, "GetHits"));
        stats.put("getMisses", beans.number(PROTOCOL, "GetMisses"));
        stats.put("bytesRead", beans.number(BUFFERS, "BytesRead"));
        stats.put("bytesWritten", beans.number(BUFFERS, "BytesWritten"));
        stats.put("currentConnections", beans.number(BUFFERS, "CurrentConnections"));
        stats.put("totalConnections", beans.number(BUFFERS, "TotalConnections"));
        stats.put("rejectedConnections", beans.number(BUFFERS, "RejectedConnections"));
        stats.put("storeBytes", beans.number(STORAGE, "TotalMalloced"));
        stats.put("storeLimit", beans.number(STORAGE, "LimitMaxbytes"));
        stats.put("currItems", beans.number(STORAGE, "CurrItems"));
        stats.put("evictions", beans.number(STORAGE, "Evictions"));
        stats.put("pooledDirectMemory", beans.number(BUFFERS, "PooledDirectMemory"));
        stats.put("pooledHeapMemory", beans.number(BUFFERS, "PooledHeapMemory"));
        stats.put("yields", beans.number(BUFFERS, "Yields"));
        stats.put("idleKicks", beans.number(BUFFERS, "IdleKicks"));
        Json.ok(exchange, stats);
    }
}
