package io.github.wechatpay4j.codegen;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The project-owned, compact description of WeChat Pay operations: facts only (paths, methods, parameters, types,
 * formats, required flags, enums, examples, flags), no prose except each operation's official name.
 *
 * @param source     where the facts were taken from, and under which licence
 * @param operations every operation, in the order of the source's path list
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Spec(Source source, List<Operation> operations) {

    /** The origin of the facts. */
    public record Source(String name, String url, String commit, String license, String copyright) {}

    /**
     * One operation.
     *
     * @param api          {@code v3}, {@code hk}, {@code global} or {@code v2}
     * @param method       upper-case HTTP method
     * @param path         the path template, such as {@code /v3/pay/transactions/id/{transaction_id}}
     * @param summary      the official name of the operation
     * @param docUrl       the official documentation page, when the source names one
     * @param host         a base URL other than the API host, when the operation has one
     * @param consumes     {@code json}, {@code multipart} or {@code xml}
     * @param produces     {@code json}, {@code xml} or {@code download} (a file, not JSON)
     * @param unsigned     the answer carries no WeChat Pay signature (file downloads)
     * @param certificateRequired the request needs the merchant's API certificate (mutual TLS, APIv2)
     * @param serialRequired the request must carry {@code Wechatpay-Serial} (it has encrypted fields)
     * @param idempotencyKey the request must carry an {@code Idempotency-Key}
     * @param businessKey  what makes a repeat of the request the same business action, so that it may be sent again
     *                     safely: a body field ({@code out_trade_no}) or a path placeholder ({@code {out_trade_no}})
     * @param upload       how an upload's {@code meta} names its file and which files it takes, when not the default
     *                     ({@code file} part, {@code filename}, lower-case hex {@code sha256}, no size limits)
     * @param parameters   path, query, header and form parameters, in the source's order
     * @param body         the JSON request body, if any
     * @param status       the success status
     * @param response     the success answer's schema, if it has a body
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonPropertyOrder({
        "api",
        "method",
        "path",
        "summary",
        "docUrl",
        "host",
        "deprecated",
        "consumes",
        "produces",
        "unsigned",
        "certificateRequired",
        "serialRequired",
        "idempotencyKey",
        "businessKey",
        "upload",
        "parameters",
        "body",
        "status",
        "response"
    })
    public record Operation(
            String api,
            String method,
            String path,
            String summary,
            String docUrl,
            String host,
            boolean deprecated,
            String consumes,
            String produces,
            boolean unsigned,
            boolean certificateRequired,
            boolean serialRequired,
            boolean idempotencyKey,
            String businessKey,
            Upload upload,
            List<Parameter> parameters,
            Schema body,
            int status,
            Schema response) {
        public Operation {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            consumes = consumes == null ? "json" : consumes;
            produces = produces == null ? "json" : produces;
        }

        /** {@code METHOD /path}. */
        public String key() {
            return method + " " + path;
        }
    }

    /**
     * An upload's facts.
     *
     * @param filePart       the multipart part that carries the file
     * @param filenameField  the {@code meta} member holding the file name, or {@code null}
     * @param digestField    the {@code meta} member holding the file's hex digest
     * @param hashType       {@code SHA256} or {@code SM3}
     * @param upperCase      whether the hex digest is upper case
     * @param algorithmField the {@code meta} member naming the digest algorithm, or {@code null}
     * @param algorithm      its value, or {@code null}
     * @param maxBytes       the largest file WeChat Pay takes, by file extension; empty when not documented
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Upload(
            String filePart,
            String filenameField,
            String digestField,
            String hashType,
            boolean upperCase,
            String algorithmField,
            String algorithm,
            java.util.Map<String, Long> maxBytes) {
        /** An upload's facts unless corrected: the {@code file} part, {@code filename}, lower-case hex {@code sha256}. */
        public static final Upload DEFAULT =
                new Upload("file", "filename", "sha256", "SHA256", false, null, null, null);

        public Upload {
            maxBytes = maxBytes == null ? java.util.Map.of() : java.util.Map.copyOf(maxBytes);
        }

        /**
         * The upload facts of {@code op}: its corrected ones, the default for another APIv3 upload, else {@code null}
         * (APIv2 uploads sign a form of their own).
         */
        public static Upload of(Operation op) {
            return op.upload() != null
                    ? op.upload()
                    : op.consumes().equals("multipart") && !op.api().equals("v2") ? DEFAULT : null;
        }

        /** The {@code meta} members the client computes from the file itself. */
        public java.util.Set<String> computedFields() {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            java.util.stream.Stream.of(filenameField, digestField, algorithmField)
                    .filter(java.util.Objects::nonNull)
                    .forEach(out::add);
            return out;
        }
    }

    /** A path, query, header or form parameter ({@code in}: {@code path}, {@code query}, {@code header}, {@code form}). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Parameter(String name, String in, boolean required, Schema schema) {}

    /**
     * A JSON schema, reduced to what code needs.
     *
     * @param type       {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code object},
     *                   {@code array}, {@code file} or {@code any}
     * @param format     the source's format ({@code rfc3339}, {@code int64}, {@code base64}…)
     * @param enumValues the allowed values of a string
     * @param required   the required properties of an object
     * @param properties the properties of an object, in order; empty for a free-form object
     * @param items      the element schema of an array
     * @param example    the source's example value
     * @param encrypted  a sensitive field: RSA-OAEP ciphertext on the wire
     * @param maxLength  the longest allowed string
     * @param pattern    the pattern a string must match
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonPropertyOrder({
        "type",
        "format",
        "enumValues",
        "required",
        "encrypted",
        "maxLength",
        "pattern",
        "example",
        "items",
        "properties"
    })
    public record Schema(
            String type,
            String format,
            List<String> enumValues,
            List<String> required,
            Map<String, Schema> properties,
            Schema items,
            Object example,
            boolean encrypted,
            Integer maxLength,
            String pattern) {
        public Schema {
            enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
            required = required == null ? List.of() : List.copyOf(required);
            properties = properties == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isObject() {
            return "object".equals(type);
        }
    }

    private static ObjectMapper mapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** Reads a compact spec. */
    public static Spec read(Path file) {
        try {
            return mapper().readValue(Files.readAllBytes(file), Spec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operations spec " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a compact spec from JSON text. */
    public static Spec parse(String json) {
        try {
            return mapper().readValue(json, Spec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the operations spec: " + e.getMessage(), e);
        }
    }

    /** The spec as JSON: one line per operation, so that a regeneration shows as a readable diff. */
    public String toJson() {
        ObjectMapper m = mapper().disable(SerializationFeature.INDENT_OUTPUT);
        try {
            StringBuilder sb = new StringBuilder("{\n\"source\": ")
                    .append(m.writeValueAsString(source))
                    .append(",\n\"operations\": [\n");
            for (int i = 0; i < operations.size(); i++) {
                sb.append(m.writeValueAsString(operations.get(i))).append(i + 1 < operations.size() ? ",\n" : "\n");
            }
            return sb.append("]\n}\n").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #toJson()} to {@code file} in UTF-8. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
