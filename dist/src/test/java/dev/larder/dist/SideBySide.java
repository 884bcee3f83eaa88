package dev.larder.dist;

/** memcached and the Larder distribution started alike, for ITs that send both the same bytes. */
final class SideBySide implements AutoCloseable {

    private final ReferenceMemcached memcached;
    private final LauncherProcess larder;
    final int memcachedPort;
    final int larderPort;

    private SideBySide(ReferenceMemcached memcached, LauncherProcess larder, int larderPort) {
        this.memcached = memcached;
        this.larder = larder;
        this.memcachedPort = memcached.port();
        this.larderPort = larderPort;
    }

    static SideBySide start() throws Exception {
        ReferenceMemcached memcached = ReferenceMemcached.start();
        try {
            LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", "0");
            int port = Integer.parseInt(larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1));
            return new SideBySide(memcached, larder, port);
        } catch (Exception | Error e) {
            memcached.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            memcached.close();
        } finally {
            larder.close();
        }
    }
}
