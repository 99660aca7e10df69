package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Run ids ({@link BatchCommitter#newRunId}) sort in the order the runs started, as strings, even within one second:
 * the views show the run with the greatest id as the newest.
 */
class RunIdTest {
    @Test
    void idsMadeMillisecondsApartSortInTimeOrder() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(BatchCommitter.newRunId());
            Thread.sleep(2);
        }
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(0).length(), ids.get(i).length(), "every id as long: " + ids.get(i));
            assertTrue(ids.get(i).compareTo(ids.get(i - 1)) > 0, ids.get(i - 1) + " then " + ids.get(i));
        }
        assertTrue(ids.get(0).matches("\\d{8}T\\d{9}Z[0-9a-f]{4}"), ids.get(0));
    }
}
