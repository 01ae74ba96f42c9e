package io.github.wechatpay4j.testkit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec-driven fake's own judgement of uploads, on hand-made multipart bodies (no client involved). */
class UploadCheckTest {
    private static final List<Map<String, Object>> FAPIAO = List.of(
            Map.of("name", "file", "in", "form", "required", true, "schema", Map.of("type", "file")),
            Map.of(
                    "name",
                    "meta",
                    "in",
                    "form",
                    "required",
                    true,
                    "schema",
                    Map.of(
                            "type",
                            "object",
                            "required",
                            List.of("file_type", "digest_alogrithm", "digest"),
                            "properties",
                            Map.of(
                                    "file_type",
                                    Map.of("type", "string"),
                                    "digest_alogrithm",
                                    Map.of("type", "string"),
                                    "digest",
                                    Map.of("type", "string")))));

    private static RecordedRequest upload(String meta, String filePart, byte[] file) {
        String head = "--b\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
                + meta + "\r\n--b\r\nContent-Disposition: form-data; name=\"" + filePart
                + "\"; filename=\"f.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = "\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[h.length + file.length + t.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(file, 0, body, h.length, file.length);
        System.arraycopy(t, 0, body, h.length + file.length, t.length);
        return new RecordedRequest(
                "POST",
                "/v3/x",
                null,
                Map.of("content-type", List.of("multipart/form-data; boundary=b")),
                body,
                Map.of(),
                null);
    }

    private static List<String> problems(RecordedRequest r) {
        List<String> out = new ArrayList<>();
        UploadCheck.check(
                r,
                FAPIAO,
                (where, value, schema, p) -> {
                    @SuppressWarnings("unchecked")
                    List<String> required = (List<String>) schema.get("required");
                    for (String name : required) {
                        if (!((Map<?, ?>) value).containsKey(name)) {
                            p.add(where + "." + name + " is required");
                        }
                    }
                },
                out);
        return out;
    }

    @Test
    void theSm3OfTheFileIsRecomputedByTheFakesOwnSm3() {
        byte[] file = "abc".getBytes(StandardCharsets.US_ASCII);
        // GB/T 32905-2016 appendix A, example 1: SM3("abc")
        String sm3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
        assertEquals(sm3, HexFormat.of().formatHex(Sm3.digest(file)));
        assertEquals(
                "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
                HexFormat.of().formatHex(Sm3.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))));
        assertEquals(
                List.of(),
                problems(upload(
                        "{\"file_type\":\"PDF\",\"digest_alogrithm\":\"SM3\",\"digest\":\"" + sm3 + "\"}",
                        "file",
                        file)));
        List<String> wrong = problems(upload(
                "{\"file_type\":\"PDF\",\"digest_alogrithm\":\"SM3\",\"digest\":\"" + "00".repeat(32) + "\"}",
                "file",
                file));
        assertEquals(1, wrong.size(), wrong.toString());
        assertTrue(wrong.get(0).contains("SM3"), wrong.toString());
    }

    @Test
    void aMissingOrMisnamedFilePartAndUnknownPartsAreNamed() {
        List<String> p = problems(upload(
                "{\"file_type\":\"PDF\",\"digest_alogrithm\":\"SM3\",\"digest\":\"x\"}", "document", new byte[] {1}));
        assertTrue(p.contains("the form field file is required"), p.toString());
        assertTrue(p.contains("the form field document is not in the spec"), p.toString());
    }
}
