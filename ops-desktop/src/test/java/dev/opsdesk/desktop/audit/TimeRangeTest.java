package dev.opsdesk.desktop.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quick picks and typed times, in the workstation's zone. */
class TimeRangeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-21T12:30:00Z"); // 13:30 in Berlin

    @Test
    void quickPicksCountBackFromNowAndTodayStartsAtLocalMidnight() {
        assertThat(TimeRange.LAST_HOUR.since(NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-21T11:30:00Z"));
        assertThat(TimeRange.TODAY.since(NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
        assertThat(TimeRange.LAST_7_DAYS.since(NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-14T12:30:00Z"));
        assertThat(TimeRange.ANY.since(NOW, BERLIN)).isNull();
    }

    @Test
    void aTypedDateTimeOrTimeIsLocalAndADateAsTheUpperBoundIncludesThatDay() {
        assertThat(TimeRange.parseBound("2026-11-21 09:00", false, BERLIN, NOW))
                .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(TimeRange.parseBound("2026-11-21T09:00:30", false, BERLIN, NOW))
                .isEqualTo(Instant.parse("2026-11-21T08:00:30Z"));
        assertThat(TimeRange.parseBound("2026-11-21", false, BERLIN, NOW))
                .isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
        assertThat(TimeRange.parseBound("2026-11-21", true, BERLIN, NOW))
                .isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
        assertThat(TimeRange.parseBound("14:15", true, BERLIN, NOW)).isEqualTo(Instant.parse("2026-11-21T13:15:00Z"));
        assertThat(TimeRange.parseBound("  ", false, BERLIN, NOW)).isNull();
    }

    @Test
    void somethingElseIsRefusedWithAnExample() {
        for (String wrong : new String[] {"yesterday", "2026-02-30", "21.11.2026", "25:00"}) {
            assertThatThrownBy(() -> TimeRange.parseBound(wrong, false, BERLIN, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("“" + wrong + "” is not a date or time").hasMessageContaining(TimeRange.EXAMPLE);
        }
    }
}
