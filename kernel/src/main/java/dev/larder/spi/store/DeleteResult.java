package dev.larder.spi.store;

/** The outcome of a delete that may name the CAS unique the item must have. */
public enum DeleteResult {
    DELETED,
    NOT_FOUND,
    /** The live item has another CAS unique; nothing was deleted. */
    EXISTS
}
