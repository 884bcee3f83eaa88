package dev.larder.storage.memory;

import static dev.larder.storage.memory.Keys.buf;
import static dev.larder.storage.memory.Keys.bytes;
import static dev.larder.storage.memory.Keys.item;
import static dev.larder.storage.memory.Keys.value;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OffHeapItemStoreTest {

    private static final long MB = 1024 * 1024;

    private final ManualClock clock = new ManualClock();
    private final OffHeapItemStore store = new OffHeapItemStore(8 * MB, new ServerClock(clock));

    @Nested
    class StorageCommands {

        @Test
        void setStoresFlagsAndValueWithAFreshCas() {
            assertThat(store.set(buf("k"), 7, 0, buf("v1"))).isEqualTo(StoreResult.STORED);
            long first = item(store, "k").cas();
            store.set(buf("k"), 0xFFFFFFFF, 0, buf("v2"));
            Item second = item(store, "k");
            assertThat(second.flags()).isEqualTo(0xFFFFFFFF);
            assertThat(second.cas()).isGreaterThan(first);
            assertThat(value(store, "k")).isEqualTo("v2");
            assertThat(store.stats().currItems()).isEqualTo(1);
            assertThat(store.stats().totalItems()).isEqualTo(2);
        }

        @Test
        void addOnlyWhenAbsentReplaceOnlyWhenPresent() {
            assertThat(store.store(StoreMode.REPLACE, buf("k"), 0, 0, buf("r"), 0)).isEqualTo(StoreResult.NOT_STORED);
            assertThat(store.store(StoreMode.ADD, buf("k"), 0, 0, buf("a"), 0)).isEqualTo(StoreResult.STORED);
            assertThat(store.store(StoreMode.ADD, buf("k"), 0, 0, buf("b"), 0)).isEqualTo(StoreResult.NOT_STORED);
            assertThat(store.store(StoreMode.REPLACE, buf("k"), 3, 0, buf("r"), 0)).isEqualTo(StoreResult.STORED);
            assertThat(value(store, "k")).isEqualTo("r");
        }

        @Test
        void appendAndPrependKeepFlagsAndExpiry() {
            assertThat(store.store(StoreMode.APPEND, buf("k"), 0, 0, buf("x"), 0)).isEqualTo(StoreResult.NOT_STORED);
            store.set(buf("k"), 5, 100, buf("mid"));
            store.store(StoreMode.APPEND, buf("k"), 9, 0, buf(">>"), 0);
            store.store(StoreMode.PREPEND, buf("k"), 9, 0, buf("<<"), 0);
            Item item = item(store, "k");
            assertThat(value(store, "k")).isEqualTo("<<mid>>");
            assertThat(item.flags()).isEqualTo(5);
            assertThat(item.secondsToLive()).isEqualTo(100);
        }

        @Test
        void casStoresOnlyOverTheUniqueItWasGiven() {
            assertThat(store.store(StoreMode.CAS, buf("k"), 0, 0, buf("x"), 1)).isEqualTo(StoreResult.NOT_FOUND);
            store.set(buf("k"), 0, 0, buf("v"));
            long cas = item(store, "k").cas();
            assertThat(store.store(StoreMode.CAS, buf("k"), 0, 0, buf("x"), cas + 1)).isEqualTo(StoreResult.EXISTS);
            assertThat(store.store(StoreMode.CAS, buf("k"), 0, 0, buf("y"), cas)).isEqualTo(StoreResult.STORED);
            assertThat(store.store(StoreMode.CAS, buf("k"), 0, 0, buf("z"), cas)).isEqualTo(StoreResult.EXISTS);
            assertThat(value(store, "k")).isEqualTo("y");
        }

        @Test
        void deleteRemovesOnlyLiveItems() {
            store.set(buf("k"), 0, 0, buf("v"));
            assertThat(store.delete(buf("k"))).isTrue();
            assertThat(store.delete(buf("k"))).isFalse();
            assertThat(value(store, "k")).isNull();
            assertThat(store.stats().bytes()).isZero();
            assertThat(store.stats().currItems()).isZero();
        }

        @Test
        void peekLeavesNoTraceButGetMarksTheItemRead() {
            store.set(buf("k"), 0, 0, buf("v"));
            clock.advanceSeconds(5);
            Item peeked = store.peek(buf("k"));
            peeked.value().release();
            assertThat(peeked.fetchedBefore()).isFalse();
            Item first = item(store, "k");
            assertThat(first.fetchedBefore()).as("peek did not count as a read").isFalse();
            assertThat(first.secondsSinceAccess()).as("peek did not touch the access time").isEqualTo(5);
            assertThat(item(store, "k").fetchedBefore()).isTrue();
        }

        @Test
        void slabClassesReportTheirPagesChunksAndItems() {
            store.set(buf("a"), 0, 0, buf("1"));
            store.set(buf("b"), 0, 0, buf("2"));
            store.set(buf("big"), 0, 0, bytes(5000, 'x'));
            var classes = store.slabClasses();
            assertThat(classes).hasSize(2);
            var small = classes.get(0);
            assertThat(small.chunkSize()).isEqualTo(SlabAllocator.SMALLEST_CHUNK);
            assertThat(small.items()).isEqualTo(2);
            assertThat(small.usedChunks()).isEqualTo(2);
            assertThat(small.pages()).isEqualTo(1);
            assertThat(small.chunksPerPage()).isEqualTo(SlabMemory.PAGE_SIZE / SlabAllocator.SMALLEST_CHUNK);
            assertThat(classes.get(1).chunkSize()).isGreaterThanOrEqualTo(5000 + SlabMemory.HEADER);
            assertThat(classes.get(1).id()).isGreaterThan(small.id());
        }

        @Test
        void emptyValuesAndLongestKeys() {
            String longest = "k".repeat(250);
            store.set(buf(longest), 1, 0, buf(""));
            assertThat(value(store, longest)).isEmpty();
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void incrAndDecr() {
            store.set(buf("n"), 3, 0, buf("10"));
            assertThat(store.incrementOrDecrement(buf("n"), true, 5).value()).isEqualTo(15);
            assertThat(store.incrementOrDecrement(buf("n"), false, 7).value()).isEqualTo(8);
            assertThat(item(store, "n").flags()).isEqualTo(3);
        }

        @Test
        void incrWrapsAround64BitsAndDecrStopsAtZero() {
            store.set(buf("n"), 0, 0, buf("18446744073709551615"));
            ArithmeticResult wrapped = store.incrementOrDecrement(buf("n"), true, 2);
            assertThat(wrapped.value()).isEqualTo(1);
            store.set(buf("m"), 0, 0, buf("5"));
            assertThat(store.incrementOrDecrement(buf("m"), false, 9).value()).isZero();
        }

        @Test
        void aShorterResultIsPaddedWithSpacesAsMemcachedDoes() {
            store.set(buf("n"), 0, 0, buf("10"));
            long before = item(store, "n").cas();
            ArithmeticResult result = store.incrementOrDecrement(buf("n"), false, 1);
            assertThat(value(store, "n")).isEqualTo("9 ");
            assertThat(result.cas()).isGreaterThan(before).isEqualTo(item(store, "n").cas());
            store.incrementOrDecrement(buf("n"), true, 91);
            assertThat(value(store, "n")).isEqualTo("100");
        }

        @Test
        void nonNumericAndMissing() {
            store.set(buf("s"), 0, 0, buf("abc"));
            store.set(buf("e"), 0, 0, buf(""));
            store.set(buf("big"), 0, 0, buf("18446744073709551616"));
            store.set(buf("neg"), 0, 0, buf("-1"));
            for (String key : new String[] {"s", "e", "big", "neg"}) {
                assertThat(store.incrementOrDecrement(buf(key), true, 1).status())
                        .as(key).isEqualTo(ArithmeticResult.Status.NON_NUMERIC);
            }
            assertThat(store.incrementOrDecrement(buf("none"), true, 1)).isEqualTo(ArithmeticResult.NOT_FOUND);
            store.set(buf("spaced"), 0, 0, buf("12 abc"));
            assertThat(store.incrementOrDecrement(buf("spaced"), true, 1).value()).isEqualTo(13);
        }
    }

    @Nested
    class Expiry {

        @Test
        void zeroNeverExpires() {
            store.set(buf("k"), 0, 0, buf("v"));
            clock.advanceSeconds(ServerClock.MAX_RELATIVE_SECONDS * 10);
            assertThat(value(store, "k")).isEqualTo("v");
            assertThat(item(store, "k").secondsToLive()).isEqualTo(-1);
        }

        @Test
        void relativeSecondsUpToThirtyDays() {
            store.set(buf("ten"), 0, 10, buf("v"));
            store.set(buf("month"), 0, ServerClock.MAX_RELATIVE_SECONDS, buf("v"));
            clock.advanceSeconds(9);
            assertThat(value(store, "ten")).isEqualTo("v");
            clock.advanceSeconds(1);
            assertThat(value(store, "ten")).isNull();
            clock.advanceSeconds(ServerClock.MAX_RELATIVE_SECONDS - 11);
            assertThat(value(store, "month")).isEqualTo("v");
            clock.advanceSeconds(1);
            assertThat(value(store, "month")).isNull();
        }

        @Test
        void beyondThirtyDaysIsAnAbsoluteUnixTime() {
            store.set(buf("later"), 0, clock.unixSeconds() + 20, buf("v"));
            store.set(buf("past"), 0, ServerClock.MAX_RELATIVE_SECONDS + 1, buf("v"));
            assertThat(value(store, "past")).isNull();
            assertThat(item(store, "later").secondsToLive()).isEqualTo(20);
            clock.advanceSeconds(20);
            assertThat(value(store, "later")).isNull();
        }

        @Test
        void negativeIsAlreadyExpiredAndRemovesWhatWasThere() {
            store.set(buf("k"), 0, 0, buf("old"));
            assertThat(store.set(buf("k"), 0, -1, buf("new"))).isEqualTo(StoreResult.STORED);
            assertThat(value(store, "k")).isNull();
        }

        @Test
        void touchAndGetAndTouchSetANewExpiry() {
            store.set(buf("k"), 0, 5, buf("v"));
            assertThat(store.touch(buf("k"), 100)).isTrue();
            assertThat(store.touch(buf("none"), 100)).isFalse();
            clock.advanceSeconds(50);
            Item touched = store.getAndTouch(buf("k"), 10);
            assertThat(touched.value().toString(US_ASCII)).isEqualTo("v");
            touched.value().release();
            assertThat(item(store, "k").secondsToLive()).isEqualTo(10);
            clock.advanceSeconds(10);
            assertThat(value(store, "k")).isNull();
        }

        @Test
        void expiredItemsNeverReadAreCounted() {
            store.set(buf("k"), 0, 1, buf("v"));
            clock.advanceSeconds(1);
            assertThat(value(store, "k")).isNull();
            assertThat(store.stats().expiredUnfetched()).isEqualTo(1);
            assertThat(store.stats().currItems()).isZero();
        }
    }

    @Nested
    class FlushAll {

        @Test
        void withoutDelayEverythingStoredBeforeIsGone() {
            store.set(buf("a"), 0, 0, buf("1"));
            store.flushAll(0);
            store.set(buf("b"), 0, 0, buf("2"));
            assertThat(value(store, "a")).isNull();
            assertThat(value(store, "b")).isEqualTo("2");
        }

        @Test
        void withDelayItemsLiveUntilASecondBeforeThenAsMemcachedFlushesThem() {
            store.set(buf("a"), 0, 0, buf("1"));
            store.flushAll(10);
            clock.advanceSeconds(8);
            assertThat(value(store, "a")).isEqualTo("1");
            clock.advanceSeconds(1); // memcached's oldest_live is the delay's second minus one
            assertThat(value(store, "a")).isNull();
            clock.advanceSeconds(1);
            store.set(buf("b"), 0, 0, buf("2"));
            assertThat(value(store, "b")).isEqualTo("2");
        }

        @Test
        void withoutCasUniquesAnItemStoredInTheSecondOfTheFlushIsFlushedTooAsMemcachedsDashC() {
            OffHeapItemStore noCas = new OffHeapItemStore(16 * MB, new ServerClock(clock), true, false);
            noCas.set(buf("a"), 0, 0, buf("1"));
            assertThat(item(noCas, "a").cas()).isZero();
            noCas.flushAll(0);
            noCas.set(buf("a"), 0, 0, buf("2"));
            assertThat(value(noCas, "a")).isNull();
            clock.advanceSeconds(1);
            noCas.set(buf("a"), 0, 0, buf("3"));
            assertThat(value(noCas, "a")).isEqualTo("3");
            assertThat(noCas.storeWithCas(dev.larder.spi.store.StoreMode.CAS, buf("a"), 0, 0, buf("4"), 99).result())
                    .as("without CAS uniques every cas matches").isEqualTo(dev.larder.spi.store.StoreResult.STORED);
        }
    }

    @Nested
    class Memory {

        @Test
        void evictsTheLeastRecentlyUsedGivingItemsReadTwiceASecondChance() {
            OffHeapItemStore small = new OffHeapItemStore(2 * MB, new ServerClock(clock));
            // 2 MB: the index takes some, one 1 MB page holds the class; fill beyond it.
            // Keys of one length keep every item in one slab class.
            int stored = 0;
            while (small.stats().evictions() == 0) {
                assertThat(stored).as("items stored before the first eviction").isLessThan(5000);
                assertThat(small.set(buf(key(stored)), 0, 0, bytes(1000, 'x'))).isEqualTo(StoreResult.STORED);
                if (stored == 5) {
                    assertThat(value(small, key(0))).isNotNull(); // read twice: gets a second chance,
                    assertThat(value(small, key(0))).isNotNull();
                    assertThat(value(small, key(1))).isNotNull(); // read once: none, as memcached
                }
                stored++;
            }
            assertThat(value(small, key(0))).as("read twice, so kept").isNotNull();
            assertThat(value(small, key(1))).as("least recently used, read once").isNull();
            assertThat(value(small, key(2))).as("next in line, not yet needed").isNotNull();
            assertThat(value(small, key(stored - 1))).isNotNull();
            assertThat(small.stats().evictedUnfetched()).isEqualTo(small.stats().evictions() - 1);
            assertThat(small.stats().totalMalloced()).isLessThanOrEqualTo(2 * MB);
        }

        private static String key(int n) {
            return String.format("key%05d", n);
        }

        @Test
        void whenFullANewSizeClassTakesAPageFromAnother() {
            OffHeapItemStore small = new OffHeapItemStore(3 * MB, new ServerClock(clock));
            for (int i = 0; i < 5000; i++) {
                assertThat(small.set(buf(key(i)), 0, 0, bytes(1000, 'x'))).isEqualTo(StoreResult.STORED);
            }
            // Every page is taken by the 1 KB class; sizes never seen before must still be stored.
            for (int size : new int[] {10, 300, 5000, 100_000}) {
                assertThat(small.set(buf("other" + size), 0, 0, bytes(size, 'y'))).as("size " + size)
                        .isEqualTo(StoreResult.STORED);
                assertThat(value(small, "other" + size)).hasSize(size);
            }
            assertThat(small.stats().totalMalloced()).isLessThanOrEqualTo(3 * MB);
        }

        @Test
        void aLargeItemInAFullStoreTakesPagesFromSmallClassesButNeverFromALargeItem() {
            OffHeapItemStore small = new OffHeapItemStore(6 * MB, new ServerClock(clock));
            small.set(buf("first-large"), 0, 0, bytes(900_000, 'a'));
            for (int i = 0; i < 6000; i++) {
                small.set(buf(key(i)), 0, 0, bytes(1000, 'x'));
            }
            assertThat(small.set(buf("second-large"), 0, 0, bytes(2_000_000, 'b'))).isEqualTo(StoreResult.STORED);
            assertThat(value(small, "second-large")).hasSize(2_000_000).startsWith("bbb");
            String first = value(small, "first-large");
            assertThat(first == null || first.equals("a".repeat(900_000))).as("evicted or intact").isTrue();
            assertThat(small.stats().totalMalloced()).isLessThanOrEqualTo(6 * MB);
        }

        @Test
        void aValueGrowingThroughManyClassesKeepsBeingStored() {
            OffHeapItemStore small = new OffHeapItemStore(4 * MB, new ServerClock(clock));
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                value.append('g');
                assertThat(small.set(buf("growing"), 0, 0, buf(value.toString()))).as("length " + value.length())
                        .isEqualTo(StoreResult.STORED);
            }
            assertThat(value(small, "growing")).hasSize(3000);
        }

        @Test
        void anItemThatCannotFitIsRefusedAndNothingStoredIsLost() {
            OffHeapItemStore small = new OffHeapItemStore(2 * MB, new ServerClock(clock));
            small.set(buf("keep"), 0, 0, buf("v"));
            assertThat(small.set(buf("huge"), 0, 0, bytes(3 * 1024 * 1024, 'h'))).isEqualTo(StoreResult.NO_MEMORY);
            assertThat(value(small, "keep")).isEqualTo("v");
        }

        @Test
        void largeItemsGetPagesOfTheirOwnGivenBackWhenDeleted() {
            store.set(buf("large"), 0, 0, bytes(1024 * 1024, 'L'));
            assertThat(value(store, "large")).hasSize(1024 * 1024).startsWith("LLL");
            long used = store.stats().totalMalloced();
            store.delete(buf("large"));
            assertThat(store.stats().totalMalloced()).isLessThan(used - 1024 * 1024 + 1);
        }

        @Test
        void aValueBeingReadIsNotReusedUntilReleased() {
            OffHeapItemStore small = new OffHeapItemStore(2 * MB, new ServerClock(clock));
            small.set(buf("held"), 0, 0, bytes(1000, 'h'));
            Item held = small.get(buf("held"));
            small.delete(buf("held"));
            for (int i = 0; i < 3000; i++) {
                small.set(buf("other" + i), 0, 0, bytes(1000, 'o'));
            }
            assertThat(held.value().toString(US_ASCII)).isEqualTo("h".repeat(1000));
            held.value().release();
            assertThat(value(small, "held")).isNull();
        }
    }
}
