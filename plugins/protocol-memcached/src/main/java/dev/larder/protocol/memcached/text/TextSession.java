package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.StoreMode;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * memcached's text protocol for one connection: each call finds one command
 * line in the input, parses it in place and answers it with one reservation.
 * Which commands exist, and how many tokens each takes, is the table below;
 * anything else is {@code ERROR}, as memcached answers it.
 */
final class TextSession implements ProtocolSession, StorageCommand.Swallower {

    private static final byte[] UNAUTHENTICATED = Replies.bytes("CLIENT_ERROR unauthenticated\r\n");
    private static final byte[] HTTP = Replies.bytes("HTTP/");

    /** memcached closes a connection that sends this much without a newline, unless it is a get. */
    static final int MAX_LINE = 2048;
    /** A multi-get line may be longer (memcached sets no bound; this one keeps memory bounded). */
    static final int MAX_GET_LINE = 8 * 1024 * 1024;

    private enum Command {
        GET("get", 2, Integer.MAX_VALUE),
        GETS("gets", 2, Integer.MAX_VALUE),
        GAT("gat", 2, Integer.MAX_VALUE),
        GATS("gats", 2, Integer.MAX_VALUE),
        SET("set", 5, 6),
        ADD("add", 5, 6),
        REPLACE("replace", 5, 6),
        APPEND("append", 5, 6),
        PREPEND("prepend", 5, 6),
        CAS("cas", 6, 7),
        INCR("incr", 3, 4),
        DECR("decr", 3, 4),
        DELETE("delete", 2, 4),
        TOUCH("touch", 3, 4),
        FLUSH_ALL("flush_all", 1, 3),
        VERBOSITY("verbosity", 2, 3),
        VERSION("version", 1, Integer.MAX_VALUE),
        STATS("stats", 1, Integer.MAX_VALUE),
        QUIT("quit", 1, 1),
        MG("mg", 2, Integer.MAX_VALUE),
        MS("ms", 2, Integer.MAX_VALUE),
        MD("md", 2, Integer.MAX_VALUE),
        MA("ma", 2, Integer.MAX_VALUE),
        MN("mn", 1, Integer.MAX_VALUE),
        ME("me", 2, 2),
        SHUTDOWN("shutdown", 1, Integer.MAX_VALUE),
        SLABS("slabs", 2, Integer.MAX_VALUE),
        CACHE_MEMLIMIT("cache_memlimit", 2, 3),
        REFRESH_CERTS("refresh_certs", 1, 2);

        final byte[] name;
        final int minTokens;
        final int maxTokens;

        Command(String name, int minTokens, int maxTokens) {
            this.name = Replies.bytes(name);
            this.minTokens = minTokens;
            this.maxTokens = maxTokens;
        }

        static Command of(Tokens tokens) {
            for (Command command : VALUES) {
                if (tokens.is(0, command.name)) {
                    return tokens.count() >= command.minTokens && tokens.count() <= command.maxTokens ? command : null;
                }
            }
            return null;
        }

        private static final Command[] VALUES = values();
    }

    private final Request request = new Request();
    /** Where this connection's multi-get answered in parts is; the retrieval command is the loop's. */
    private final RetrievalCommand.Progress multiGet = new RetrievalCommand.Progress();
    private final StorageCommand storage;
    private final RetrievalCommand retrieval;
    private final KeyCommands keys;
    private final ServerCommands server;
    /** Made at the first meta command: most connections never send one, and idle ones should cost little. */
    private MetaCommands meta;
    private final StorageCommand.Factory storageFactory;
    private final Authenticator authenticator;
    /** Always true when authentication is off. */
    private boolean authenticated;
    /** Bytes of a refused value still to be read and thrown away. */
    private long swallowing;

    TextSession(StorageCommand.Factory storage, RetrievalCommand retrieval, KeyCommands keys, ServerCommands server,
                Authenticator authenticator) {
        this.authenticator = authenticator;
        this.authenticated = !authenticator.enabled();
        this.storage = storage.create(this);
        this.storageFactory = storage;
        this.retrieval = retrieval;
        this.keys = keys;
        this.server = server;
    }

    @Override
    public String protocolName() {
        return "text";
    }

    @Override
    public String state() {
        return swallowing > 0 ? "conn_swallow" : request.awaitingData() ? "conn_nread" : "conn_parse_cmd";
    }

    @Override
    public Outcome serveOne(Connection connection) {
        ByteBuf in = connection.input();
        if (swallowing > 0) {
            return swallowMore(in);
        }
        if (multiGet.inProgress()) {
            request.resume(connection);
            return retrieval.resume(request, multiGet);
        }
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            return lineTooLong(connection, in) ? Outcome.CLOSE : Outcome.NEEDS_INPUT;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int nul = in.indexOf(start, end, (byte) 0);
        if (nul >= 0) {
            end = nul; // memcached reads a line as a C string: it ends at the first NUL
        }
        request.start(connection, in, start, end, lf + 1);
        Command command = Command.of(request.tokens);
        if (!authenticated) {
            return authenticate(command);
        }
        if (command == null) {
            // An HTTP request to the cache port (a browser or proxy led astray) is hung up on, as memcached does.
            return request.tokens.endsWith(HTTP) ? Outcome.CLOSE : request.answer(Replies.ERROR);
        }
        return switch (command) {
            case GET -> retrieval.serve(request, false, false, multiGet);
            case GETS -> retrieval.serve(request, true, false, multiGet);
            case GAT -> retrieval.serve(request, false, true, multiGet);
            case GATS -> retrieval.serve(request, true, true, multiGet);
            case SET -> storage.serve(request, StoreMode.SET);
            case ADD -> storage.serve(request, StoreMode.ADD);
            case REPLACE -> storage.serve(request, StoreMode.REPLACE);
            case APPEND -> storage.serve(request, StoreMode.APPEND);
            case PREPEND -> storage.serve(request, StoreMode.PREPEND);
            case CAS -> storage.serve(request, StoreMode.CAS);
            case INCR -> keys.incrementOrDecrement(request, true);
            case DECR -> keys.incrementOrDecrement(request, false);
            case DELETE -> keys.delete(request);
            case TOUCH -> keys.touch(request);
            case FLUSH_ALL -> server.flushAll(request);
            case VERBOSITY -> server.verbosity(request);
            case VERSION -> server.version(request);
            case STATS -> server.stats(request);
            case MG -> meta().mg();
            case MS -> meta().ms();
            case MD -> meta().md();
            case MA -> meta().ma();
            case MN -> meta().mn();
            case ME -> meta().me();
            case SHUTDOWN -> server.shutdown(request);
            case CACHE_MEMLIMIT -> server.cacheMemlimit(request);
            case SLABS -> server.slabs(request);
            case REFRESH_CERTS -> server.refreshCerts(request);
            case QUIT -> {
                request.consumeLine();
                yield Outcome.CLOSE;
            }
        };
    }

    private MetaCommands meta() {
        if (meta == null) {
            meta = new MetaCommands(storageFactory.store(), storageFactory.maxItemSize(), this, request,
                    storageFactory.counters());
        }
        return meta;
    }

    /**
     * Before authentication, as memcached's -Y mode: only a set whose data is
     * "user password" is served (STORED when they match); anything else is
     * answered "unauthenticated".
     */
    private Outcome authenticate(Command command) {
        long length = command == Command.SET ? request.tokens.signed(4) : -1;
        if (length < 0 || length > 4096) {
            return request.answer(UNAUTHENTICATED);
        }
        if (!request.hasDataBlock((int) length)) {
            return Outcome.NEEDS_INPUT;
        }
        String credentials = request.in.toString(request.next, (int) length, StandardCharsets.UTF_8);
        boolean wellFormed = request.skipDataBlock((int) length);
        int space = credentials.indexOf(' ');
        authenticated = wellFormed && space > 0 && authenticator.check(credentials.substring(0, space),
                credentials.substring(space + 1).getBytes(StandardCharsets.UTF_8));
        return request.answer(authenticated ? Replies.STORED : UNAUTHENTICATED);
    }

    /**
     * No newline yet: fine, unless far more arrived than any command line may
     * hold, or a multi-get line has grown past what the server can hold for it.
     */
    private static boolean lineTooLong(Connection connection, ByteBuf in) {
        int readable = in.readableBytes();
        if (readable <= MAX_LINE) {
            return false;
        }
        int at = in.readerIndex();
        int limit = Math.min(in.writerIndex(), at + 100);
        while (at < limit && in.getByte(at) == ' ') {
            at++;
        }
        boolean multiGet = startsWith(in, at, "get ") || startsWith(in, at, "gets ");
        return !multiGet || readable > MAX_GET_LINE || !connection.reserveInput(readable + 1);
    }

    private static boolean startsWith(ByteBuf in, int at, String prefix) {
        if (in.writerIndex() - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void swallow(ByteBuf in, long bytes) {
        swallowing = bytes;
        swallowMore(in);
    }

    private Outcome swallowMore(ByteBuf in) {
        int n = (int) Math.min(swallowing, in.readableBytes());
        in.skipBytes(n);
        swallowing -= n;
        return swallowing > 0 ? Outcome.NEEDS_INPUT : Outcome.SERVED;
    }
}
