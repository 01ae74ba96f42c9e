package io.github.wechatpay4j.json.gson;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberStrategy;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.json.JsonName;
import io.github.wechatpay4j.json.OpenEnum;
import io.github.wechatpay4j.json.Rfc3339;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * {@link JsonCodec} on Gson, following the codec contract (snake_case, records, nulls omitted, unknown fields
 * ignored, {@link OpenEnum}, RFC 3339 {@link OffsetDateTime}, {@link JsonName}, strict parsing, no HTML escaping).
 *
 * <p>A {@code Gson} you pass in is extended through {@link Gson#newBuilder()}: your adapters stay, your instance is
 * not changed.
 */
public final class GsonJsonCodec implements JsonCodec {
    private volatile Gson gson;

    /**
     * A codec with its own {@code Gson}, created on first use: its start-up (about 40 ms in a fresh JVM) is paid by
     * the first call, not by building the client.
     */
    public GsonJsonCodec() {}

    public GsonJsonCodec(Gson gson) {
        if (gson == null) {
            throw new ConfigurationException("the Gson instance must not be null");
        }
        this.gson = configure(gson.newBuilder()).create();
    }

    private Gson gson() {
        Gson g = gson;
        if (g == null) {
            synchronized (this) {
                g = gson;
                if (g == null) {
                    g = configure(new GsonBuilder()).create();
                    gson = g;
                }
            }
        }
        return g;
    }

    private static GsonBuilder configure(GsonBuilder b) {
        return b.setFieldNamingStrategy(f -> {
                    JsonName name = f.getAnnotation(JsonName.class);
                    return name != null ? name.value() : FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES.translateName(f);
                })
                .disableHtmlEscaping()
                .setStrictness(Strictness.STRICT)
                .setObjectToNumberStrategy(NUMBERS)
                .registerTypeAdapterFactory(new OpenEnumFactory())
                .registerTypeAdapter(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe());
    }

    /**
     * Creates the Gson instance and reads and writes a small untyped document, which loads what reading every answer
     * and writing every request need; a failure is left to the first use, which reports it.
     */
    @Override
    public void warmUp() {
        try {
            write(read("{\"warm_up\":[1,1.5,\"text\",true,null,{}]}".getBytes(StandardCharsets.UTF_8), Object.class));
        } catch (RuntimeException e) {
            // the first use creates it again and reports why it cannot
        }
    }

    @Override
    public byte[] write(Object value) {
        try {
            return gson().toJson(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw new JsonCodecException("cannot write " + typeName(value) + " as JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new JsonCodecException("cannot write " + typeName(value) + " as JSON: " + e, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T read(byte[] json, Type type) {
        if (json == null || type == null) {
            throw new JsonCodecException("nothing to read: " + (json == null ? "no JSON" : "no target type"), null);
        }
        if (isBlank(json)) {
            throw new JsonCodecException("cannot read JSON as " + type.getTypeName() + ": the input is empty", null);
        }
        try {
            return (T) gson().fromJson(
                            new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8), type);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw new JsonCodecException("cannot read JSON as " + type.getTypeName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new JsonCodecException("cannot read JSON as " + type.getTypeName() + ": " + e, e);
        }
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    @Override
    public String toString() {
        return "GsonJsonCodec";
    }

    /** Integers as Long (BigInteger when too large), decimals as Double: the same as the Jackson codec. */
    private static final ToNumberStrategy NUMBERS = in -> {
        String text = in.nextString();
        try {
            if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                BigInteger big = new BigInteger(text);
                return big.bitLength() < 64 ? (Number) big.longValue() : big;
            }
            return new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            throw new JsonParseException("not a number at " + in.getPath(), e);
        }
    };

    private static final class OpenEnumFactory implements TypeAdapterFactory {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!OpenEnum.class.isAssignableFrom(raw)) {
                return null;
            }
            java.util.function.Function<String, Object> creator;
            try {
                creator = OpenEnum.creator(raw);
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
            return (TypeAdapter<T>) new TypeAdapter<Object>() {
                @Override
                public void write(JsonWriter out, Object value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                    } else {
                        out.value(((OpenEnum) value).value());
                    }
                }

                @Override
                public Object read(JsonReader in) throws IOException {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        return null;
                    }
                    if (in.peek() != JsonToken.STRING) {
                        throw new JsonParseException("expected a string for " + raw.getSimpleName() + " at "
                                + in.getPath() + " but was " + in.peek());
                    }
                    String path = in.getPath();
                    try {
                        return creator.apply(in.nextString());
                    } catch (RuntimeException e) {
                        throw new JsonParseException("cannot create " + raw.getSimpleName() + " at " + path, e);
                    }
                }
            };
        }
    }

    private static final class OffsetDateTimeAdapter extends TypeAdapter<OffsetDateTime> {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
            out.value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }

        @Override
        public OffsetDateTime read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException(
                        "expected an RFC 3339 date-time string at " + in.getPath() + " but was " + in.peek());
            }
            String text = in.nextString();
            try {
                return Rfc3339.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("not an RFC 3339 date-time with offset at " + in.getPath(), e);
            }
        }
    }
}
