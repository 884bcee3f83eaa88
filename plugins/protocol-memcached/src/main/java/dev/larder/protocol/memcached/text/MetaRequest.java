package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ItemStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Base64;

/**
 * What every meta command reads and answers alike: its key (base64 with b),
 * its flags and their numbers, and a status line that echoes k, O and c.
 */
final class MetaRequest {

    final Request r;
    final MetaFlags flags;
    private final MetaLine line;

    MetaRequest(Request request) {
        this.r = request;
        this.flags = new MetaFlags(request.tokens);
        this.line = new MetaLine(request.tokens);
    }

    byte[] checkKeyAndFlags(int firstFlag, String allowed, byte[] invalid, byte[] duplicate) {
        if (r.keyTooLong(1)) {
            return Replies.BAD_COMMAND_LINE;
        }
        return flags.parse(firstFlag, allowed, invalid, duplicate);
    }

    /** The key, decoded when the b flag says it is base64; null when it does not decode. */
    ByteBuf key() {
        ByteBuf token = r.tokens.slice(1);
        if (!flags.has('b')) {
            return token;
        }
        try {
            return Unpooled.wrappedBuffer(Base64.getDecoder().decode(token.toString(US_ASCII)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the flag is there with a token that is not a number. */
    boolean malformed(char flag) {
        return flags.has(flag) && flags.number(flag, 0) == Long.MIN_VALUE;
    }

    /** The flag's number, or {@link ItemStore#NOT_GIVEN} without the flag. */
    long optional(char flag) {
        return flags.has(flag) ? flags.number(flag, 0) : ItemStore.NOT_GIVEN;
    }

    /**
     * A status line with the flags it returns: k and O always, c (with the new
     * item's CAS unique) only when the command stored one.
     */
    ByteBuf line(String status, long storedCas) {
        return line(status, storedCas, false);
    }

    /** A status line with the flags that echo: k, O, and c (when a CAS unique is known, or always for ms). */
    ByteBuf line(String status, long storedCas, boolean casEvenIfNone) {
        MetaLine reply = line.status(status);
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'k' -> echoKey(reply);
                case 'O' -> reply.echo('O', i, 1);
                case 'c' -> {
                    if (storedCas != 0 || casEvenIfNone) {
                        reply.number('c', storedCas);
                    }
                }
                default -> { }
            }
        }
        return reply.end();
    }

    /** A line to fill with returned flags, begun with its status code. */
    MetaLine begin(String status) {
        return line.status(status);
    }

    /** A VA line to fill with returned flags, for a value of this many bytes. */
    MetaLine beginValue(int length) {
        return line.value(length);
    }

    /** The k flag's return: the key as the client sent it, marked b when that was base64. */
    void echoKey(MetaLine reply) {
        reply.echo('k', 1, 0);
        if (flags.has('b')) {
            reply.flag('b');
        }
    }

    String token(int i) {
        return r.tokens.slice(i).toString(US_ASCII);
    }

    Outcome quiet() {
        r.consumeLine();
        return Outcome.SERVED;
    }
}
