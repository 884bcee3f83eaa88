package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

/** memcached's fixed text replies, byte for byte. */
final class Replies {

    static final byte[] CRLF = bytes("\r\n");
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
    static final byte[] BAD_DATA_CHUNK = bytes("CLIENT_ERROR bad data chunk\r\n");
    static final byte[] DELETE_USAGE =
            bytes("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n");
    static final byte[] INVALID_EXPTIME = bytes("CLIENT_ERROR invalid exptime argument\r\n");
    static final byte[] INVALID_DELTA = bytes("CLIENT_ERROR invalid numeric delta argument\r\n");
    static final byte[] NON_NUMERIC =
            bytes("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    static final byte[] TOO_LARGE = bytes("SERVER_ERROR object too large for cache\r\n");
    static final byte[] OUT_OF_MEMORY = bytes("SERVER_ERROR out of memory storing object\r\n");

    private Replies() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }
}
