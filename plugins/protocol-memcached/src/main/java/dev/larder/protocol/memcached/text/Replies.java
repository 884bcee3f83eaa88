package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** memcached's fixed text replies, byte for byte. */
final class Replies {

    static final byte[] CRLF = bytes("\r\n");

    /** What follows a value sent by reference: shared by all connections, never released, never copied. */
    private static final ByteBuf SHARED_CRLF = shared("\r\n");
    private static final ByteBuf SHARED_CRLF_END = shared("\r\nEND\r\n");
    static final byte[] STORED = bytes("STORED\r\n");
    static final byte[] NOT_STORED = bytes("NOT_STORED\r\n");
    static final byte[] EXISTS = bytes("EXISTS\r\n");
    static final byte[] NOT_FOUND = bytes("NOT_FOUND\r\n");
    static final byte[] DELETED = bytes("DELETED\r\n");
    static final byte[] TOUCHED = bytes("TOUCHED\r\n");
    static final byte[] OK = bytes("OK\r\n");
    static final byte[] END = bytes("END\r\n");
    static final byte[] VALUE = bytes("VALUE ");
    static final byte[] ERROR = bytes("ERROR\r\n");
    static final byte[] BAD_COMMAND_LINE = bytes("CLIENT_ERROR bad command line format\r\n");
    static final byte[] BAD_TOKEN = bytes("CLIENT_ERROR bad token in command line format\r\n");
    static final byte[] BAD_DATA_CHUNK = bytes("CLIENT_ERROR bad data chunk\r\n");
    static final byte[] DELETE_USAGE =
            bytes("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n");
    static final byte[] INVALID_EXPTIME = bytes("CLIENT_ERROR invalid exptime argument\r\n");
    static final byte[] INVALID_DELTA = bytes("CLIENT_ERROR invalid numeric delta argument\r\n");
    static final byte[] NON_NUMERIC =
            bytes("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    static final byte[] TOO_LARGE = bytes("SERVER_ERROR object too large for cache\r\n");
    static final byte[] INVALID_FLAG = bytes("CLIENT_ERROR invalid flag\r\n");
    static final byte[] DUPLICATE_FLAG = bytes("CLIENT_ERROR duplicate flag\r\n");
    static final byte[] INVALID_OR_DUPLICATE_FLAG = bytes("CLIENT_ERROR invalid or duplicate flag\r\n");
    static final byte[] OPAQUE_TOO_LONG = bytes("CLIENT_ERROR opaque token too long\r\n");
    static final byte[] INVALID_MODE = bytes("CLIENT_ERROR invalid mode for ms M token\r\n");
    static final byte[] BAD_BASE64_KEY = bytes("CLIENT_ERROR error decoding key\r\n");
    static final byte[] MN = bytes("MN\r\n");
    static final byte[] OUT_OF_MEMORY = bytes("SERVER_ERROR out of memory storing object\r\n");

    private Replies() {
    }

    /** "\r\n", to chain after a value sent by reference. */
    static ByteBuf chainedCrlf() {
        return SHARED_CRLF.duplicate();
    }

    /** "\r\nEND\r\n", to chain after the last value of a get sent by reference. */
    static ByteBuf chainedCrlfEnd() {
        return SHARED_CRLF_END.duplicate();
    }

    private static ByteBuf shared(String text) {
        byte[] data = bytes(text);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(data.length, data.length).writeBytes(data));
    }

    static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }
}
