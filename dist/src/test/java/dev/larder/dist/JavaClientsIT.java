package dev.larder.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.utils.AddrUtil;
import net.spy.memcached.BinaryConnectionFactory;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.DefaultConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** spymemcached and xmemcached, unchanged, over the text and the binary protocol, against the distribution. */
class JavaClientsIT {

    static LauncherProcess larder;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
        larder = LauncherProcess.start("-p", "-1", "--admin-port", "0");
        port = Integer.parseInt(larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1));
    }

    @AfterAll
    static void stop() throws Exception {
        larder.close();
    }

    @ParameterizedTest(name = "spymemcached, binary={0}")
    @ValueSource(booleans = {false, true})
    void spymemcached(boolean binary) throws Exception {
        String p = binary ? "spy-bin-" : "spy-txt-";
        net.spy.memcached.MemcachedClient client = new net.spy.memcached.MemcachedClient(
                binary ? new BinaryConnectionFactory() : new DefaultConnectionFactory(),
                List.of(new InetSocketAddress("127.0.0.1", port)));
        try {
            assertThat(client.set(p + "a", 0, "alpha").get()).isTrue();
            assertThat(client.set(p + "b", 60, Map.of("nested", 42)).get()).isTrue();
            assertThat(client.get(p + "a")).isEqualTo("alpha");
            assertThat(client.get(p + "b")).isEqualTo(Map.of("nested", 42));
            assertThat(client.get(p + "missing")).isNull();

            Map<String, Object> bulk = client.getBulk(p + "a", p + "b", p + "missing");
            assertThat(bulk).containsOnlyKeys(p + "a", p + "b");

            CASValue<Object> cas = client.gets(p + "a");
            assertThat(client.cas(p + "a", cas.getCas(), "beta")).isEqualTo(CASResponse.OK);
            assertThat(client.cas(p + "a", cas.getCas(), "gamma")).isEqualTo(CASResponse.EXISTS);
            assertThat(client.get(p + "a")).isEqualTo("beta");

            assertThat(client.add(p + "a", 0, "nope").get()).isFalse();
            assertThat(client.incr(p + "n", 5, 10)).isEqualTo(10);
            assertThat(client.incr(p + "n", 5)).isEqualTo(15);
            assertThat(client.decr(p + "n", 20)).isZero();
            assertThat(client.append(p + "a", "!").get()).isTrue();
            assertThat(client.touch(p + "a", 100).get()).isTrue();
            assertThat(client.delete(p + "a").get()).isTrue();
            assertThat(client.get(p + "a")).isNull();
            assertThat(client.getVersions().values()).allMatch(v -> v.startsWith("1.6.21-larder-"));
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "xmemcached, binary={0}")
    @ValueSource(booleans = {false, true})
    void xmemcached(boolean binary) throws Exception {
        String p = binary ? "xm-bin-" : "xm-txt-";
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses("127.0.0.1:" + port));
        if (binary) {
            builder.setCommandFactory(new BinaryCommandFactory());
        }
        MemcachedClient client = builder.build();
        try {
            assertThat(client.set(p + "a", 0, "alpha")).isTrue();
            assertThat(client.<String>get(p + "a")).isEqualTo("alpha");
            assertThat(client.<String>get(p + "missing")).isNull();
            client.set(p + "b", 0, "bravo");
            Map<String, String> bulk = client.get(List.of(p + "a", p + "b", p + "missing"));
            assertThat(bulk).containsOnlyKeys(p + "a", p + "b");

            GetsResponse<String> gets = client.gets(p + "a");
            assertThat(client.cas(p + "a", 0, "beta", gets.getCas())).isTrue();
            assertThat(client.cas(p + "a", 0, "gamma", gets.getCas())).isFalse();
            assertThat(client.<String>get(p + "a")).isEqualTo("beta");

            assertThat(client.add(p + "a", 0, "nope")).isFalse();
            assertThat(client.replace(p + "b", 0, "b2")).isTrue();
            assertThat(client.incr(p + "n", 3, 7)).isEqualTo(7);
            assertThat(client.incr(p + "n", 3)).isEqualTo(10);
            assertThat(client.decr(p + "n", 4)).isEqualTo(6);
            assertThat(client.prepend(p + "b", ">")).isTrue();
            assertThat(client.<String>get(p + "b")).isEqualTo(">b2");
            assertThat(client.delete(p + "b")).isTrue();
            assertThat(client.<String>get(p + "b")).isNull();
        } finally {
            client.shutdown();
        }
    }
}
