package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** {@link RecyclingHeapAllocator}: released buffers come back as fresh ones, never twice at once. */
class RecyclingHeapAllocatorTest {
    @Test
    void aReleasedBufferServesTheNextRequestOfItsClassAsFresh() {
        RecyclingHeapAllocator a = new RecyclingHeapAllocator();
        ByteBuffer b = a.allocate(1000);
        assertEquals(1024, b.capacity());
        assertEquals(1000, b.limit());
        assertEquals(0, b.position());
        assertFalse(b.isDirect());
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(8);
        a.release(b);
        ByteBuffer again = a.allocate(600);
        assertSame(b, again);
        assertEquals(600, again.limit());
        assertEquals(0, again.position());
        assertEquals(ByteOrder.BIG_ENDIAN, again.order());
        assertNotSame(again, a.allocate(600), "a buffer handed out is not handed out again");
        assertEquals(2048, a.allocate(1025).capacity());
    }

    @Test
    void buffersItDidNotHandOutOrHasBackAreNotTaken() {
        RecyclingHeapAllocator a = new RecyclingHeapAllocator();
        ByteBuffer foreign = ByteBuffer.allocate(1024);
        a.release(foreign);
        assertNotSame(foreign, a.allocate(1024));
        ByteBuffer b = a.allocate(64);
        a.release(b);
        a.release(b);
        a.release(b.slice());
        ByteBuffer first = a.allocate(64);
        ByteBuffer second = a.allocate(64);
        assertSame(b, first);
        assertNotSame(first, second, "a second release does not make the buffer free twice");
    }
}
