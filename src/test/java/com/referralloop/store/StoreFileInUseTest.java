package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A second bot on the same data directory is told, in two lines, that the file is taken and what to do. */
class StoreFileInUseTest {

    @Test
    void aSecondStoreOnTheSameFileFailsWithWhatToDo(@TempDir Path dir) throws Exception {
        StoreProperties props = new StoreProperties("", dir.toString(), "referral", false, Duration.ofSeconds(2),
                Duration.ofSeconds(2), true, null);
        EmbeddedMongoConfiguration config = new EmbeddedMongoConfiguration();
        // GIVEN a running store holding the file
        try (EmbeddedStore first = config.embeddedStore(props)) {
            // WHEN another one starts on the same directory; THEN it fails naming the file
            assertThatThrownBy(() -> config.embeddedStore(props))
                    .isInstanceOfSatisfying(StoreFileInUseException.class, e -> {
                        assertThat(e.file()).isEqualTo(dir.resolve(EmbeddedMongoConfiguration.STORE_FILE).toAbsolutePath());
                        // AND Spring Boot's start-up report says what to do
                        FailureAnalysis analysis = new StoreFileInUseFailureAnalyzer().analyze(e);
                        assertThat(analysis.getDescription()).contains(e.file().toString()).contains("in use");
                        assertThat(analysis.getAction()).contains("REFERRAL_DATA_DIR").contains("MONGODB_URI");
                    });
        }
        // AND once the first is closed the file opens again, nothing lost
        try (EmbeddedStore again = config.embeddedStore(props)) {
            assertThat(again).isNotNull();
        }
    }
}
