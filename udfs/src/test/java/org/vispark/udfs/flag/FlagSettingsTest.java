package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** conf/flagging.properties holds the defaults; bad settings are refused naming the key. */
class FlagSettingsTest {
    @Test
    void shippedFileHoldsTheDefaults() throws Exception {
        assertEquals(FlagSettings.defaults(), FlagSettings.load(Path.of("..", "conf", "flagging.properties")));
    }

    private static IllegalArgumentException refused(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return assertThrows(IllegalArgumentException.class, () -> FlagSettings.of(p));
    }

    @Test
    void nonsenseIsRefusedNamingTheKey() {
        assertTrue(refused("sir_eta", "1.5").getMessage().contains("sir_eta"));
        assertTrue(refused("iterations", "0").getMessage().contains("iterations"));
        assertTrue(refused("base_threshold", "abc").getMessage().contains("base_threshold"));
        assertTrue(refused("base_threshold", "NaN").getMessage().contains("base_threshold"));
        assertTrue(refused("keep_original_flags", "yes").getMessage().contains("keep_original_flags"));
        assertTrue(refused("threshold", "3").getMessage().contains("unknown"));
    }

    @Test
    void keysOverrideDefaults() {
        Properties p = new Properties();
        p.setProperty("base_threshold", "1.4");
        assertEquals(1.4, FlagSettings.of(p).baseThreshold());
    }
}
