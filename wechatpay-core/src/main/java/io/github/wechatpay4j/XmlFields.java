package io.github.wechatpay4j;

import io.github.wechatpay4j.internal.JsonTypes;
import io.github.wechatpay4j.json.JsonCodec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an APIv2 body ({@link Options#xml}), kept in order, values as text; or a record of the typed API
 * ({@link Options#withXmlFields}), whose components become fields by their wire names as the client's JSON codec
 * writes them. The scheme that serves the call writes and signs them (core itself writes no XML).
 *
 * @param fields the fields, when given as a map
 * @param record the typed request, when given as one ({@code fields} is then empty)
 */
record XmlFields(Map<String, String> fields, Object record) {

    XmlFields(Map<String, String> fields) {
        this(fields, null);
    }

    /**
     * The fields as text: those given, or the record's non-null components (numbers as written, without exponent;
     * an object or a list, which APIv2 carries as JSON text in one field, as JSON).
     */
    Map<String, String> resolve(JsonCodec codec) {
        if (record == null) {
            return fields;
        }
        Map<String, Object> written = codec.read(codec.write(record), JsonTypes.MAP);
        Map<String, String> text = new LinkedHashMap<>();
        written.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                text.put(name, new String(codec.write(value), StandardCharsets.UTF_8));
            } else if (value instanceof Number n) {
                text.put(name, new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
            } else {
                text.put(name, String.valueOf(value));
            }
        });
        return Collections.unmodifiableMap(text);
    }
}
