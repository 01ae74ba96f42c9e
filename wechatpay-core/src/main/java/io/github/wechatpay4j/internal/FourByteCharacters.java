package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;

/**
 * Finds characters outside the Basic Multilingual Plane (4 bytes in UTF-8: emoji, rare CJK ideographs) in a JSON
 * request body. WeChat Pay stores API fields in 3-byte UTF-8 and rejects such characters, so they are refused before
 * anything is sent, naming the field but never its value.
 */
public final class FourByteCharacters {
    private FourByteCharacters() {}

    /** Throws {@link InvalidRequestException} when {@code json} holds a 4-byte character, raw or {@code \\u}-escaped. */
    public static void check(String verb, String path, byte[] json) {
        String field = find(json);
        if (field != null) {
            throw new InvalidRequestException("the request field '" + field + "' of " + verb + " " + path
                    + " contains a character outside the Basic Multilingual Plane (4 bytes in UTF-8, such as an"
                    + " emoji); WeChat Pay rejects them in API fields: remove or replace it before sending");
        }
    }

    /** The name of the member whose key or value holds a 4-byte character ("" at top level), or {@code null}. */
    static String find(byte[] json) {
        int keyStart = 0; // the last member name seen, as a byte range: text is made only for the error
        int keyEnd = 0;
        int i = 0;
        int n = json.length;
        while (i < n) {
            int b = json[i] & 0xff;
            if (b != '"') {
                if (b >= 0xf0) {
                    return text(json, keyStart, keyEnd);
                }
                i++;
                continue;
            }
            int start = ++i;
            boolean bad = false;
            while (i < n && json[i] != '"') {
                int c = json[i] & 0xff;
                if (c >= 0xf0) {
                    bad = true;
                } else if (c == '\\' && i + 1 < n) {
                    if (json[i + 1] == 'u'
                            && i + 5 < n
                            && (json[i + 2] | 0x20) == 'd'
                            && "89abAB".indexOf(json[i + 3]) >= 0) {
                        bad = true; // a high surrogate escape: the first half of a 4-byte character
                    }
                    i++;
                }
                i++;
            }
            int end = Math.min(i, n);
            i++;
            int j = i;
            while (j < n && (json[j] == ' ' || json[j] == '\t' || json[j] == '\n' || json[j] == '\r')) {
                j++;
            }
            boolean isKey = j < n && json[j] == ':';
            if (isKey) {
                keyStart = start;
                keyEnd = end;
            }
            if (bad) {
                return text(json, keyStart, keyEnd);
            }
        }
        return null;
    }

    private static String text(byte[] json, int from, int to) {
        return new String(json, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }
}
