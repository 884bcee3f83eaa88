package dev.larder.spi.store;

/** One size class of a slab store, for {@code stats slabs} and {@code stats items}. */
public record SlabClassStats(int id, int chunkSize, int chunksPerPage, long pages, long usedChunks, long items) {
}
