package io.github.wechatpay4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A strict reader of {@code multipart/form-data} bodies, as WeChat Pay's upload endpoints parse them. */
final class Multipart {
    /** One part: its form name, file name (or {@code null}), content type (or {@code null}) and bytes. */
    record Part(String name, String filename, String contentType, byte[] content) {}

    private Multipart() {}

    /** The boundary of a {@code multipart/form-data} content type, or {@code null} when it is not one. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    /** The parts by name; {@link IllegalArgumentException} with the reason when the body is malformed. */
    static Map<String, Part> parse(String boundary, byte[] body) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] crlfDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        if (indexOf(body, delimiter, 0) != 0) {
            throw new IllegalArgumentException("the body does not start with the boundary");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = delimiter.length;
        while (true) {
            if (startsWith(body, at, "--")) {
                return parts; // closing delimiter
            }
            if (!startsWith(body, at, "\r\n")) {
                throw new IllegalArgumentException("no CRLF after a boundary");
            }
            int headersStart = at + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part has no end of headers");
            }
            int next = indexOf(body, crlfDelimiter, headersEnd + 4);
            if (next < 0) {
                throw new IllegalArgumentException("a part is not closed by the boundary");
            }
            Part part = part(
                    new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(body, headersEnd + 4, next));
            if (parts.put(part.name(), part) != null) {
                throw new IllegalArgumentException("the part '" + part.name() + "' appears twice");
            }
            at = next + crlfDelimiter.length;
        }
    }

    private static Part part(String headers, byte[] content) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a part header has no colon");
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("content-disposition")) {
                name = param(value, "name");
                filename = param(value, "filename");
            } else if (key.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("a part has no Content-Disposition name");
        }
        return new Part(name, filename, type, content);
    }

    private static String param(String disposition, String key) {
        for (String p : disposition.split(";")) {
            String t = p.strip();
            if (t.startsWith(key + "=\"") && t.endsWith("\"")) {
                return t.substring(key.length() + 2, t.length() - 1);
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        return at + t.length <= body.length && Arrays.equals(body, at, at + t.length, t, 0, t.length);
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
