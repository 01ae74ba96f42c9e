package io.github.wechatpay4j.json;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-read shape must give exactly what the JDK's ISO_OFFSET_DATE_TIME gives, value and failure alike. */
class Rfc3339Test {
    private static final List<String> CASES = List.of(
            "2018-06-08T10:34:56+08:00", // WeChat Pay's own shape (success_time, create_time)
            "2018-06-08T10:34:56.123+08:00",
            "2018-06-08T10:34:56.123456789-05:30",
            "2018-06-08T10:34:56Z",
            "2018-06-08t10:34:56z",
            "2018-06-08T10:34:56-00:00",
            "2018-06-08T10:34:56+18:00",
            "0000-01-01T00:00:00+00:00",
            "2024-02-29T23:59:59+08:00",
            // handed to the formatter: valid there, not the common shape
            "2018-06-08T10:34+08:00",
            "2018-06-08T10:34:56+08:00:30",
            "+12018-06-08T10:34:56+08:00",
            // invalid: the formatter's error
            "2023-02-29T10:00:00+08:00",
            "2018-06-08T24:00:00+08:00",
            "2018-06-08T23:59:60+08:00",
            "2018-13-08T10:34:56+08:00",
            "2018-06-08T10:34:56+18:01",
            "2018-06-08T10:34:56+19:00",
            "2018-06-08T10:34:56.+08:00",
            "2018-06-08T10:34:56.1234567890+08:00",
            "2018-06-08T10:34:56",
            "2018-06-08 10:34:56+08:00",
            "2018-06-08T10:34:56+0800",
            "2018-06-08T10:34:56+08:00 ",
            "2018-06-08T10:34:56ZZ",
            "２０１８-06-08T10:34:56+08:00",
            "");

    @Test
    void givesWhatTheFormatterGives() {
        for (String text : CASES) {
            assertSame(text);
        }
    }

    @Test
    void mutationsOfTheCommonShapeGiveWhatTheFormatterGives() {
        Random random = new Random(20261201);
        String alphabet = "0123456789-+:.TtZz 9";
        List<String> seeds = new ArrayList<>(CASES.subList(0, 9));
        for (int i = 0; i < 50_000; i++) {
            char[] c = seeds.get(random.nextInt(seeds.size())).toCharArray();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && c.length > 0; e++) {
                c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            assertSame(new String(c));
        }
    }

    @Test
    void offsetsAreTheFormattersInstances() {
        assertEquals(
                ZoneOffset.ofHours(8),
                Rfc3339.parse("2018-06-08T10:34:56+08:00").getOffset());
        assertEquals(ZoneOffset.UTC, Rfc3339.parse("2018-06-08T10:34:56-00:00").getOffset());
        assertThrows(NullPointerException.class, () -> Rfc3339.parse(null));
    }

    private static void assertSame(String text) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            DateTimeParseException actual = assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text), text);
            assertEquals(e.getMessage(), actual.getMessage(), text);
            return;
        }
        OffsetDateTime actual = Rfc3339.parse(text);
        assertEquals(expected, actual, text);
        assertEquals(expected.getOffset(), actual.getOffset(), text);
    }
}
