package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How {@link NewVersions} divides an MS's files among tasks when the run has fewer MS than cores. */
class NewVersionsSplitTest {
    private static List<String> files(int n) {
        return IntStream.range(0, n).mapToObj(i -> "f" + i).toList();
    }

    @Test
    void fewMsAreSplitUpToTwiceTheCoresManyAreNot() {
        assertEquals(4, NewVersions.partsPerMs(1, 2));
        assertEquals(2, NewVersions.partsPerMs(2, 2));
        assertEquals(2, NewVersions.partsPerMs(3, 2));
        assertEquals(1, NewVersions.partsPerMs(4, 2));
        assertEquals(1, NewVersions.partsPerMs(1000, 16));
        assertEquals(32, NewVersions.partsPerMs(1, 16));
    }

    @Test
    void everyFileOnceInOrderNoPartEmpty() {
        for (int n = 0; n <= 20; n++) {
            for (int parts = 1; parts <= 8; parts++) {
                List<List<String>> got = NewVersions.divide(files(n), parts);
                assertEquals(Math.max(1, Math.min(parts, n)), got.size(), n + " files in " + parts);
                List<String> all = new ArrayList<>();
                got.forEach(all::addAll);
                assertEquals(files(n), all, n + " files in " + parts);
                if (n > 0) {
                    int min = got.stream().mapToInt(List::size).min().orElseThrow();
                    int max = got.stream().mapToInt(List::size).max().orElseThrow();
                    assertEquals(true, min >= 1 && max - min <= 1, "even parts: " + got);
                }
            }
        }
    }
}
