package dev.larder.network.netty;

/**
 * One connection's buffer figures. Written only on the connection's event loop,
 * so plain fields; other threads read them for statistics, which may lag by a
 * request. When the connection closes they are added to the registry's totals.
 */
final class ConnectionCounters {

    long bytesRead;
    long bytesWritten;
    long reservations;
    long bytesCopied;
    long bytesByReference;
    long flushes;
    long yields;
    long inputPeak;
    long outputPeak;

    void inputNow(long buffered) {
        if (buffered > inputPeak) {
            inputPeak = buffered;
        }
    }

    void outputNow(long pending) {
        if (pending > outputPeak) {
            outputPeak = pending;
        }
    }
}
