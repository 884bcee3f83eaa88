package dev.larder.admin.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Map;
import javax.management.ObjectName;

/**
 * {@code GET /metrics}: every numeric attribute of every {@code dev.larder}
 * MXBean in Prometheus' text exposition format, named
 * {@code larder_<type>[_<name>]_<attribute>} in snake case.
 */
final class MetricsEndpoint implements HttpHandler {

    private final BeanReader beans;

    MetricsEndpoint(BeanReader beans) {
        this.beans = beans;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        StringBuilder out = new StringBuilder(8192);
        for (ObjectName bean : beans.beans()) {
            String prefix = "larder_" + snake(bean.getKeyProperty("type"))
                    + (bean.getKeyProperty("name") != null ? "_" + snake(bean.getKeyProperty("name")) : "");
            for (Map.Entry<String, Number> attribute : beans.numbers(bean).entrySet()) {
                String metric = prefix + "_" + snake(attribute.getKey());
                out.append("# TYPE ").append(metric).append(" gauge\n")
                        .append(metric).append(' ').append(attribute.getValue()).append('\n');
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseSender().send(out.toString());
    }

    /** "BytesRead" and "FairShare" to "bytes_read" and "fair_share". */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(Character.isLetterOrDigit(c) ? c : '_');
            }
        }
        return out.toString();
    }
}
