package dev.larder.bench.load;

import io.netty.buffer.ByteBuf;

/** How the generator writes a get or a set and reads one whole reply, in one of memcached's protocols. */
interface WireProtocol {

    /** What reading found. */
    enum Reply { INCOMPLETE, HIT, MISS, STORED, ERROR }

    void writeGet(ByteBuf out, byte[] key);

    void writeSet(ByteBuf out, byte[] key, byte[] value);

    /** Consumes one whole reply from {@code in}, or nothing (INCOMPLETE) when it has not all arrived. */
    Reply read(ByteBuf in);

    static WireProtocol named(String name) {
        return switch (name) {
            case "text" -> new TextWire();
            case "binary" -> new BinaryWire();
            default -> throw new IllegalArgumentException("protocol must be text or binary, not " + name);
        };
    }
}
