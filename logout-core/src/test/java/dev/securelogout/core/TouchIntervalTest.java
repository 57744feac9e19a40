package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The check's allocation-free touch-interval comparison agrees with {@code Duration.between}. */
class TouchIntervalTest {

    @Test
    @DisplayName("atLeast equals Duration.between(from, to) >= interval, across second and nanosecond borders")
    void agreesWithDuration() {
        Instant from = Instant.parse("2026-01-01T00:00:00.750Z");
        List<Duration> intervals = List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofMillis(1_500), Duration.ofMinutes(1), Duration.ofSeconds(59, 999_999_999));
        List<Duration> elapsed = List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(249), Duration.ofMillis(250),
                Duration.ofMillis(251), Duration.ofMillis(999), Duration.ofSeconds(1), Duration.ofMillis(1_499),
                Duration.ofMillis(1_500), Duration.ofMillis(1_501), Duration.ofSeconds(59, 999_999_999), Duration.ofMinutes(1),
                Duration.ofMinutes(1).plusNanos(1), Duration.ofDays(400), Duration.ofSeconds(-1), Duration.ofNanos(-1));
        for (Duration interval : intervals) {
            for (Duration e : elapsed) {
                Instant to = from.plus(e);
                assertEquals(Duration.between(from, to).compareTo(interval) >= 0, SessionLifecycle.atLeast(from, to, interval),
                        () -> "elapsed " + e + ", interval " + interval);
            }
        }
    }
}
