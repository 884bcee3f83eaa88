package dev.larder.protocol.memcached.binary;

import java.nio.charset.StandardCharsets;

/** Response statuses and the message memcached puts in the body of an error. */
enum Status {
    SUCCESS(0x0000, ""),
    KEY_NOT_FOUND(0x0001, "Not found"),
    KEY_EXISTS(0x0002, "Data exists for key."),
    TOO_LARGE(0x0003, "Too large."),
    INVALID_ARGUMENTS(0x0004, "Invalid arguments"),
    NOT_STORED(0x0005, "Not stored."),
    NON_NUMERIC(0x0006, "Non-numeric server-side value for incr or decr"),
    AUTH_ERROR(0x0020, "Auth failure."),
    UNKNOWN_COMMAND(0x0081, "Unknown command"),
    OUT_OF_MEMORY(0x0082, "Out of memory");

    final int code;
    final byte[] message;

    Status(int code, String message) {
        this.code = code;
        this.message = message.getBytes(StandardCharsets.US_ASCII);
    }
}
