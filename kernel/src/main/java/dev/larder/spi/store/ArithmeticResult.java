package dev.larder.spi.store;

/** The outcome of incr or decr: the new value and CAS, or why there is none. */
public record ArithmeticResult(Status status, long value, long cas) {

    public static final ArithmeticResult NOT_FOUND = new ArithmeticResult(Status.NOT_FOUND, 0, 0);
    public static final ArithmeticResult NON_NUMERIC = new ArithmeticResult(Status.NON_NUMERIC, 0, 0);
    public static final ArithmeticResult NO_MEMORY = new ArithmeticResult(Status.NO_MEMORY, 0, 0);
    public static final ArithmeticResult EXISTS = new ArithmeticResult(Status.EXISTS, 0, 0);

    /** EXISTS: the live item has another CAS unique than the one named. */
    public enum Status { OK, NOT_FOUND, NON_NUMERIC, NO_MEMORY, EXISTS }
}
