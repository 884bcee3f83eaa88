package dev.larder.spi;

/** The server cannot start; the message says why, in words for the operator. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
