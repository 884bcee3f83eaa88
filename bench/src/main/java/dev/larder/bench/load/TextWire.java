package dev.larder.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** memcached's text protocol: get and set, replies VALUE/END, STORED, or an error line. */
final class TextWire implements WireProtocol {

    private static final byte[] GET = "get ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SET = "set ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int END_LENGTH = "END\r\n".length();

    @Override
    public void writeGet(ByteBuf out, byte[] key) {
        out.writeBytes(GET).writeBytes(key).writeBytes(CRLF);
    }

    @Override
    public void writeSet(ByteBuf out, byte[] key, byte[] value) {
        out.writeBytes(SET).writeBytes(key).writeBytes(" 0 0 ".getBytes(StandardCharsets.US_ASCII));
        out.writeCharSequence(Integer.toString(value.length), StandardCharsets.US_ASCII);
        out.writeBytes(CRLF).writeBytes(value).writeBytes(CRLF);
    }

    @Override
    public Reply read(ByteBuf in) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            return Reply.INCOMPLETE;
        }
        byte first = in.getByte(start);
        if (first == 'V') {
            // VALUE <key> <flags> <bytes>\r\n<data>\r\nEND\r\n
            int lastSpace = lf - 2;
            while (in.getByte(lastSpace) != ' ') {
                lastSpace--;
            }
            int length = Integer.parseInt(in.toString(lastSpace + 1, lf - 1 - (lastSpace + 1), StandardCharsets.US_ASCII));
            int end = lf + 1 + length + 2 + END_LENGTH;
            if (in.writerIndex() < end) {
                return Reply.INCOMPLETE;
            }
            in.readerIndex(end);
            return Reply.HIT;
        }
        in.readerIndex(lf + 1);
        return switch (first) {
            case 'E' -> in.getByte(start + 1) == 'N' ? Reply.MISS : Reply.ERROR;
            case 'S' -> in.getByte(start + 1) == 'T' ? Reply.STORED : Reply.ERROR;
            default -> Reply.ERROR;
        };
    }
}
