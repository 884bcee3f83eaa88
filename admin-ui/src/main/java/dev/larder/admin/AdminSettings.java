package dev.larder.admin;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the admin console. */
final class AdminSettings {

    static final Setting<Integer> PORT = Setting.integer("admin_port", 8080)
            .description("HTTP port of the admin console; 0 switches the console off")
            .flags("--admin-port")
            .paramLabel("PORT")
            .range(0, 65535)
            .build();

    static final Setting<String> BIND = Setting.string("admin_bind", "127.0.0.1")
            .description("Address the admin console listens on")
            .flags("--admin-bind")
            .paramLabel("ADDR")
            .build();

    static final Setting<String> PASSWORD = Setting.string("admin.password", "")
            .description("Hash of the admin console's password (user admin), made with"
                    + " bin/larder-hash-password; empty: a random one is made at first start and kept in"
                    + " conf/admin.password")
            .paramLabel("HASH")
            .build();

    static final Setting<String> HOSTS = Setting.string("admin_hosts", "")
            .description("Host names, separated by commas, that the console answers to besides IP addresses,"
                    + " localhost and this machine's name (requests naming any other host are refused, against"
                    + " DNS rebinding)")
            .paramLabel("NAMES")
            .build();

    static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("admin_max_connections", 32)
            .description("Most console connections open at once; more wait to be accepted")
            .range(1, 10_000)
            .build();

    static final Setting<Integer> IDLE_TIMEOUT = Setting.integer("admin_idle_timeout", 60)
            .description("Seconds a console connection may stay silent before it is closed")
            .paramLabel("SECONDS")
            .range(1, 86_400)
            .build();

    static final Setting<Boolean> METRICS_PUBLIC = Setting.bool("metrics_public", false)
            .description("Serve /metrics without the console's password, for a Prometheus that scrapes without"
                    + " basic_auth (the figures only: nothing on that path changes anything)")
            .build();

    static final List<Setting<?>> ALL = List.of(PORT, BIND, PASSWORD, HOSTS, MAX_CONNECTIONS, IDLE_TIMEOUT,
            METRICS_PUBLIC);

    private AdminSettings() {
    }
}
