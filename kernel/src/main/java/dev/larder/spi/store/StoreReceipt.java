package dev.larder.spi.store;

/**
 * What a storage command did, and the CAS unique of the item it stored (0 when
 * it stored nothing), for the protocols that return it to the client.
 */
public record StoreReceipt(StoreResult result, long cas) {

    public static final StoreReceipt NOT_STORED = new StoreReceipt(StoreResult.NOT_STORED, 0);
    public static final StoreReceipt EXISTS = new StoreReceipt(StoreResult.EXISTS, 0);
    public static final StoreReceipt NOT_FOUND = new StoreReceipt(StoreResult.NOT_FOUND, 0);
    public static final StoreReceipt NO_MEMORY = new StoreReceipt(StoreResult.NO_MEMORY, 0);

    /** The receipt for a result without a new item. */
    public static StoreReceipt of(StoreResult failure) {
        return switch (failure) {
            case NOT_STORED -> NOT_STORED;
            case EXISTS -> EXISTS;
            case NOT_FOUND -> NOT_FOUND;
            case NO_MEMORY -> NO_MEMORY;
            case STORED -> throw new IllegalArgumentException("a stored item has a CAS unique");
        };
    }
}
