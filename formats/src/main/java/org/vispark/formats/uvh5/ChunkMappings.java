package org.vispark.formats.uvh5;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Unmaps a chunk's stored bytes once they are copied. jhdf memory-maps every chunk it hands out
 * ({@code FileChannel.map}), and a mapping lives until the garbage collector finds its buffer: a full-shape
 * DSA-110 group is about 49,000 chunks (3,100 mappings a file were measured between collections), near the
 * kernel's 65,530 mappings per process ({@code vm.max_map_count}), past which the JDK's map falls back to a
 * full collection and a sleep, and jhdf to plain reads. The JDK's one way to unmap before collection is
 * {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported); where it is missing the mappings are left
 * to the collector, as before.
 */
final class ChunkMappings {
    /** {@code theUnsafe.invokeCleaner(ByteBuffer)}, or null when the JDK does not offer it. */
    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private ChunkMappings() {}

    /**
     * Unmaps {@code stored}, a buffer jhdf mapped for one chunk and nothing else holds; it must not be
     * read afterwards. Heap buffers (jhdf's fallback when mapping fails) are left alone.
     */
    static void release(ByteBuffer stored) {
        if (INVOKE_CLEANER == null || !stored.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact(stored);
        } catch (IllegalArgumentException e) {
            // a slice or duplicate of another mapping: its owner's collection unmaps it
        } catch (Throwable e) {
            throw new IllegalStateException("cannot unmap a chunk: " + e, e);
        }
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafe = Class.forName("sun.misc.Unsafe");
            Field f = unsafe.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafe, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
