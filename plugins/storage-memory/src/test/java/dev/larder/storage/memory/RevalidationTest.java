package dev.larder.storage.memory;

import static dev.larder.storage.memory.Keys.buf;
import static dev.larder.storage.memory.Keys.item;
import static dev.larder.storage.memory.Keys.value;
import static dev.larder.spi.store.ItemStore.NOT_GIVEN;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemVisitor;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store's conditional operations, its allocation-free read, and memcached's
 * stale-while-revalidate (the meta N, R and I flags).
 */
class RevalidationTest {

    private final ManualClock clock = new ManualClock();
    private final OffHeapItemStore store = new OffHeapItemStore(8L << 20, new ServerClock(clock));

    /** A meta get whose value is released at once. */
    private Item metaGet(String key, long touch, long vivify, long recache) {
        Item item = store.metaGet(buf(key), touch, vivify, recache, false);
        if (item != null) {
            item.value().release();
        }
        return item;
    }

    @Nested
    class WinningTheRecache {

        @Test
        void aMissWithVivifyCreatesAnEmptyItemThatOnlyTheFirstReaderWins() {
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN)).isNull();

            Item first = metaGet("k", NOT_GIVEN, 30, NOT_GIVEN);
            assertThat(first.won()).isTrue();
            assertThat(first.winSentBefore()).isFalse();
            assertThat(first.secondsToLive()).isEqualTo(30);
            assertThat(value(store, "k")).isEmpty();

            Item second = metaGet("k", NOT_GIVEN, 30, NOT_GIVEN);
            assertThat(second.won()).isFalse();
            assertThat(second.winSentBefore()).isTrue();
            assertThat(store.stats().currItems()).isEqualTo(1);
        }

        @Test
        void recacheIsWonOnceWhenTheItemExpiresWithinTheGivenSeconds() {
            store.set(buf("k"), 0, 100, buf("v"));
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, 30).won()).isFalse();
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, 200).won()).isTrue();
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, 200).won()).isFalse();

            store.set(buf("k"), 0, 100, buf("fresh")); // a new value ends the round
            Item next = metaGet("k", NOT_GIVEN, NOT_GIVEN, 200);
            assertThat(next.won()).isTrue();
            assertThat(next.winSentBefore()).isFalse();
        }

        @Test
        void anItemThatNeverExpiresIsNeverDueForRecache() {
            store.set(buf("k"), 0, 0, buf("v"));
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, Integer.MAX_VALUE).won()).isFalse();
        }

        @Test
        void plainReadsNeverWin() {
            store.set(buf("k"), 0, 0, buf("v"));
            store.invalidate(buf("k"), 0, NOT_GIVEN);
            assertThat(item(store, "k").won()).isFalse();
            Item peeked = store.peek(buf("k"));
            peeked.value().release();
            assertThat(peeked.won()).isFalse();
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN).won()).isTrue();
        }
    }

    @Nested
    class Invalidation {

        @Test
        void invalidateKeepsTheItemStaleWithANewCasAndTheFirstReaderWins() {
            store.set(buf("k"), 0, 0, buf("v"));
            long cas = item(store, "k").cas();

            assertThat(store.invalidate(buf("k"), 0, 30)).isEqualTo(StoreResult.STORED);

            Item first = metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
            assertThat(first.stale()).isTrue();
            assertThat(first.won()).isTrue();
            assertThat(first.cas()).isGreaterThan(cas);
            assertThat(first.secondsToLive()).isEqualTo(30);
            Item second = metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
            assertThat(second.stale()).isTrue();
            assertThat(second.won()).isFalse();
            assertThat(second.winSentBefore()).isTrue();
            assertThat(value(store, "k")).isEqualTo("v");
        }

        @Test
        void invalidatingAgainLetsTheNextReaderWinAgain() {
            store.set(buf("k"), 0, 0, buf("v"));
            store.invalidate(buf("k"), 0, NOT_GIVEN);
            metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
            store.invalidate(buf("k"), 0, NOT_GIVEN);
            assertThat(metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN).won()).isTrue();
        }

        @Test
        void invalidateNamesTheCasItExpects() {
            assertThat(store.invalidate(buf("none"), 0, NOT_GIVEN)).isEqualTo(StoreResult.NOT_FOUND);
            store.set(buf("k"), 0, 0, buf("v"));
            long cas = item(store, "k").cas();
            assertThat(store.invalidate(buf("k"), cas + 1, NOT_GIVEN)).isEqualTo(StoreResult.EXISTS);
            assertThat(item(store, "k").stale()).isFalse();
            assertThat(store.invalidate(buf("k"), cas, NOT_GIVEN)).isEqualTo(StoreResult.STORED);
        }

        @Test
        void aLateWriterWithAnOlderCasStoresAStaleValueKeepingExpiryAndWinner() {
            store.set(buf("k"), 0, 100, buf("old"));
            long oldCas = item(store, "k").cas();
            store.invalidate(buf("k"), 0, NOT_GIVEN);
            metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN); // wins the recache
            clock.advanceSeconds(10);

            StoreReceipt late = store.storeWithCas(StoreMode.CAS_OR_STALE, buf("k"), 0, 500, buf("late"), oldCas);

            assertThat(late.result()).isEqualTo(StoreResult.STORED);
            Item item = metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
            assertThat(item.cas()).isEqualTo(late.cas());
            assertThat(item.stale()).isTrue();
            assertThat(item.winSentBefore()).isTrue();
            assertThat(item.secondsToLive()).isEqualTo(90);
            assertThat(value(store, "k")).isEqualTo("late");
        }

        @Test
        void aWriterWithTheCurrentCasStoresAFreshValue() {
            store.set(buf("k"), 0, 0, buf("old"));
            store.invalidate(buf("k"), 0, NOT_GIVEN);
            long cas = item(store, "k").cas();

            store.storeWithCas(StoreMode.CAS_OR_STALE, buf("k"), 0, 0, buf("new"), cas);

            Item item = metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
            assertThat(item.stale()).isFalse();
            assertThat(item.winSentBefore()).isFalse();
        }

        @Test
        void aNewerCasThanTheItemsIsStillAMismatch() {
            store.set(buf("k"), 0, 0, buf("v"));
            long cas = item(store, "k").cas();
            assertThat(store.storeWithCas(StoreMode.CAS_OR_STALE, buf("k"), 0, 0, buf("x"), cas + 5).result())
                    .isEqualTo(StoreResult.EXISTS);
        }
    }

    @Nested
    class ReadingWithoutAllocating {

        @Test
        void aHitIsHandedOverInPlaceAndMarkedRead() {
            store.set(buf("k"), 7, 0, buf("value"));
            long cas = item(store, "k").cas();
            ByteBuf request = buf("get k\r\n");
            StringBuilder seen = new StringBuilder();

            boolean hit = store.read(request, 4, 1, new ItemVisitor() {
                @Override
                public boolean visit(int flags, long itemCas, ByteBuf source, int index, int length) {
                    seen.append(flags).append(' ').append(itemCas == cas).append(' ')
                            .append(source.toString(index, length, US_ASCII));
                    return true;
                }

                @Override
                public void pinned(Item item) {
                    throw new AssertionError("a value taken in place is not pinned");
                }
            });

            assertThat(hit).isTrue();
            assertThat(seen).hasToString("7 true value");
            Item after = store.peek(buf("k"));
            after.value().release();
            assertThat(after.fetchedBefore()).isTrue();
        }

        @Test
        void aMetaGetWithNoUpdateLeavesTheItemUnreadAndItsAccessTimeAlone() {
            store.set(buf("k"), 0, 0, buf("v"));
            clock.advanceSeconds(3);

            Item unseen = store.metaGet(buf("k"), NOT_GIVEN, NOT_GIVEN, NOT_GIVEN, true);
            unseen.value().release();
            Item next = metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
            Item last = metaGet("k", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);

            assertThat(unseen.fetchedBefore()).isFalse();
            assertThat(next.fetchedBefore()).as("u left no trace").isFalse();
            assertThat(next.secondsSinceAccess()).isEqualTo(3);
            assertThat(last.fetchedBefore()).isTrue();
            assertThat(last.secondsSinceAccess()).isZero();
        }

        @Test
        void aDeclinedValueComesBackPinnedFromTheSameLookup() {
            store.set(buf("k"), 3, 0, buf("large"));
            List<Item> pinned = new ArrayList<>();

            boolean hit = store.read(buf("k"), 0, 1, new ItemVisitor() {
                @Override
                public boolean visit(int flags, long itemCas, ByteBuf source, int index, int length) {
                    return false;
                }

                @Override
                public void pinned(Item item) {
                    pinned.add(item);
                }
            });

            assertThat(hit).isTrue();
            assertThat(pinned).singleElement().satisfies(item -> {
                assertThat(item.flags()).isEqualTo(3);
                assertThat(item.value().toString(US_ASCII)).isEqualTo("large");
            });
            store.delete(buf("k"), 0);
            assertThat(pinned.get(0).value().toString(US_ASCII)).as("held while pinned").isEqualTo("large");
            assertThat(pinned.get(0).value().release()).isTrue();
            assertThat(store.accountingProblems()).isEmpty();
        }

        @Test
        void missesAndExpiredItemsAreNotHandedOver() {
            store.set(buf("gone"), 0, 10, buf("v"));
            clock.advanceSeconds(10);
            ItemVisitorThatFails fails = new ItemVisitorThatFails();
            assertThat(store.read(buf("none"), 0, 4, fails)).isFalse();
            assertThat(store.read(buf("gone"), 0, 4, fails)).isFalse();
            assertThat(store.stats().currItems()).isZero();
        }
    }

    private static final class ItemVisitorThatFails implements ItemVisitor {
        @Override
        public boolean visit(int flags, long cas, ByteBuf source, int index, int length) {
            throw new AssertionError("no item should be handed over");
        }

        @Override
        public void pinned(Item item) {
            throw new AssertionError("no item should be pinned");
        }
    }

    @Nested
    class ConditionalCommands {

        @Test
        void theReceiptCarriesTheCasTheItemGot() {
            StoreReceipt receipt = store.storeWithCas(StoreMode.SET, buf("k"), 0, 0, buf("v"), 0);
            assertThat(receipt.cas()).isEqualTo(item(store, "k").cas());
            assertThat(store.storeWithCas(StoreMode.ADD, buf("k"), 0, 0, buf("v"), 0))
                    .isSameAs(StoreReceipt.NOT_STORED);
        }

        @Test
        void replaceAppendAndPrependWithACasStoreOnlyOverThatItem() {
            store.set(buf("k"), 0, 0, buf("v"));
            long cas = item(store, "k").cas();
            for (StoreMode mode : new StoreMode[] {StoreMode.REPLACE, StoreMode.APPEND, StoreMode.PREPEND}) {
                assertThat(store.store(mode, buf("k"), 0, 0, buf("x"), cas + 1)).isEqualTo(StoreResult.EXISTS);
            }
            assertThat(value(store, "k")).isEqualTo("v");
            assertThat(store.store(StoreMode.APPEND, buf("k"), 0, 0, buf("+"), cas)).isEqualTo(StoreResult.STORED);
            assertThat(value(store, "k")).isEqualTo("v+");
        }

        @Test
        void deleteWithACasRemovesOnlyThatItem() {
            assertThat(store.delete(buf("k"), 0)).isEqualTo(DeleteResult.NOT_FOUND);
            store.set(buf("k"), 0, 0, buf("v"));
            long cas = item(store, "k").cas();
            assertThat(store.delete(buf("k"), cas + 1)).isEqualTo(DeleteResult.EXISTS);
            assertThat(store.delete(buf("k"), cas)).isEqualTo(DeleteResult.DELETED);
            assertThat(value(store, "k")).isNull();
        }

        @Test
        void arithmeticWithACasChangesOnlyThatItem() {
            store.set(buf("n"), 0, 0, buf("5"));
            long cas = item(store, "n").cas();
            assertThat(store.incrementOrDecrement(buf("n"), true, 1, cas + 1)).isEqualTo(ArithmeticResult.EXISTS);
            ArithmeticResult result = store.incrementOrDecrement(buf("n"), true, 1, cas);
            assertThat(result.value()).isEqualTo(6);
            assertThat(result.cas()).isEqualTo(item(store, "n").cas());
        }

        @Test
        void anInPlaceIncrementKeepsTheStaleMark() {
            store.set(buf("n"), 0, 0, buf("5"));
            store.invalidate(buf("n"), 0, NOT_GIVEN);
            store.incrementOrDecrement(buf("n"), true, 1);
            assertThat(metaGet("n", NOT_GIVEN, NOT_GIVEN, NOT_GIVEN).stale()).isTrue();
        }
    }
}
