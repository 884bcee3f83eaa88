package dev.larder.storage.memory;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.larder.spi.ManagedBean;
import dev.larder.spi.store.StorageMXBean;
import dev.larder.spi.Plugin;
import dev.larder.spi.Service;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import dev.larder.spi.store.ItemStore;
import java.time.Clock;
import java.util.List;

/** The storage plugin: a memory-bounded item store outside the Java heap. */
public final class MemoryStoragePlugin implements Plugin {

    @Override
    public String name() {
        return "storage-memory";
    }

    @Override
    public Slot slot() {
        return Slot.STORAGE;
    }

    @Override
    public List<Setting<?>> settings() {
        return StorageSettings.ALL;
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(ItemStore.class).to(OffHeapItemStore.class);
                Multibinder.newSetBinder(binder(), Service.class).addBinding().to(WarmRestart.class);
            }

            @Provides
            @Singleton
            OffHeapItemStore store(Settings settings, Clock clock) {
                OffHeapItemStore store = new OffHeapItemStore(
                        settings.get(StorageSettings.MEMORY_LIMIT) * 1024L * 1024L, new ServerClock(clock),
                        settings.get(StorageSettings.EVICTIONS), settings.get(StorageSettings.CAS_ENABLED));
                store.chargeAtStart(initialMalloc(System.getenv("T_MEMD_INITIAL_MALLOC")));
                return store;
            }

            /** memcached's test hook, read by its release builds too: bytes its allocator counts as taken. */
            private long initialMalloc(String value) {
                try {
                    return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    return 0; // as memcached's atol: not a number, nothing
                }
            }

            @ProvidesIntoSet
            ManagedBean storageBean(OffHeapItemStore store) {
                return ManagedBean.of(StorageMXBean.PROPERTIES, new StorageBean(store));
            }
        };
    }
}
