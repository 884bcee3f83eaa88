package dev.larder.spi.net;

/**
 * One open connection as statistics see it.
 *
 * @param id                 the connection's number
 * @param remoteAddress      the client, as host:port
 * @param localAddress       the listener it came in on, as host:port
 * @param protocol           the protocol it speaks
 * @param tls                whether it is encrypted
 * @param openedMillis       when it was accepted (epoch milliseconds)
 * @param lastActivityMillis when it last read or wrote (epoch milliseconds)
 * @param bytesRead          bytes received
 * @param bytesWritten       bytes sent
 * @param inputBuffered      received bytes not yet served
 * @param inputBufferedPeak  the most it has held unserved
 * @param outputPending      response bytes not yet written
 * @param outputPendingPeak  the most it has had waiting
 * @param reservations       response reservations made
 * @param bytesCopied        value bytes copied into its responses
 * @param flushes            flushes
 * @param yields             times it yielded to other connections
 * @param state              what it is doing, in memcached's words (conn_parse_cmd, conn_nread, ...)
 */
public record ConnectionInfo(long id, String remoteAddress, String localAddress, String protocol, boolean tls,
                             long openedMillis, long lastActivityMillis, long bytesRead, long bytesWritten,
                             long inputBuffered, long inputBufferedPeak, long outputPending, long outputPendingPeak,
                             long reservations, long bytesCopied, long flushes, long yields, String state) {
}
