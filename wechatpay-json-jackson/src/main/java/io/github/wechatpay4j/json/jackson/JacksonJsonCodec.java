package io.github.wechatpay4j.json.jackson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.json.JsonName;
import io.github.wechatpay4j.json.OpenEnum;
import io.github.wechatpay4j.json.Rfc3339;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link JsonCodec} on Jackson 2 databind, following the codec contract (snake_case, records, nulls omitted, unknown
 * fields ignored, {@link OpenEnum}, RFC 3339 {@link OffsetDateTime}, {@link JsonName}).
 *
 * <p>A mapper you pass in is {@linkplain ObjectMapper#copy() copied}, and the contract's settings are applied to the
 * copy: your modules and settings stay, and your own mapper is never changed.
 */
public final class JacksonJsonCodec implements JsonCodec {
    /** The configured mapper and the writer made from it. */
    private record Engine(ObjectMapper mapper, ObjectWriter writer) {
        static Engine of(ObjectMapper configured) {
            // emoji and other supplementary characters as 4-byte UTF-8, not as \uD83D\uDE00 escapes
            return new Engine(
                    configured, configured.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8));
        }
    }

    private volatile Engine engine;

    /**
     * A codec with its own mapper, created on first use: Jackson's start-up (100 ms and more in a fresh JVM) is paid
     * by the first call, not by building the client.
     */
    public JacksonJsonCodec() {}

    /** A codec over a copy of {@code mapper} with the contract's settings applied. */
    public JacksonJsonCodec(ObjectMapper mapper) {
        if (mapper == null) {
            throw new ConfigurationException("the ObjectMapper must not be null");
        }
        this.engine = Engine.of(configure(mapper.copy()));
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    e = Engine.of(configure(new ObjectMapper()));
                    engine = e;
                }
            }
        }
        return e;
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        m.configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false);
        m.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        m.configure(SerializationFeature.INDENT_OUTPUT, false);
        m.registerModule(new WechatPayModule());
        return m;
    }

    /**
     * Creates the mapper and reads and writes a small untyped document, which loads what reading every answer
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
            return engine().writer().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new JsonCodecException("cannot write " + typeName(value) + " as JSON: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new JsonCodecException("cannot write " + typeName(value) + " as JSON: " + e, e);
        }
    }

    @Override
    public <T> T read(byte[] json, Type type) {
        if (json == null || type == null) {
            throw new JsonCodecException("nothing to read: " + (json == null ? "no JSON" : "no target type"), null);
        }
        try {
            ObjectMapper mapper = engine().mapper();
            return mapper.readValue(json, mapper.constructType(type));
        } catch (JsonProcessingException e) {
            throw new JsonCodecException(
                    "cannot read JSON as " + type.getTypeName() + ": " + e.getOriginalMessage() + location(e), e);
        } catch (IOException | RuntimeException e) {
            throw new JsonCodecException("cannot read JSON as " + type.getTypeName() + ": " + e, e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    @Override
    public String toString() {
        return "JacksonJsonCodec";
    }

    /** OpenEnum, OffsetDateTime and JsonName support. */
    private static final class WechatPayModule extends SimpleModule {
        private static final long serialVersionUID = 1L;

        WechatPayModule() {
            super("wechatpay4j");
            addSerializer(OpenEnum.class, new OpenEnumSerializer());
            addSerializer(OffsetDateTime.class, new OffsetDateTimeSerializer());
            addDeserializer(OffsetDateTime.class, new OffsetDateTimeDeserializer());
            addDeserializer(Object.class, new UntypedDeserializer());
        }

        @Override
        public void setupModule(SetupContext context) {
            super.setupModule(context);
            context.addDeserializers(new OpenEnumDeserializers());
            context.insertAnnotationIntrospector(new JsonNameIntrospector());
            context.addBeanDeserializerModifier(new SkipUnknownProperties());
        }
    }

    /**
     * Unknown properties are ignored anyway ({@code FAIL_ON_UNKNOWN_PROPERTIES} is off); marking every bean so makes
     * Jackson skip them while reading a record instead of buffering each into a token buffer first (a fifth of the
     * binding time of a payment with its {@code scene_info} and {@code promotion_detail}).
     */
    private static final class SkipUnknownProperties extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public BeanDeserializerBuilder updateBuilder(
                DeserializationConfig config, BeanDescription beanDesc, BeanDeserializerBuilder builder) {
            builder.setIgnoreUnknownProperties(true);
            return builder;
        }
    }

    private static final class JsonNameIntrospector extends NopAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public PropertyName findNameForSerialization(Annotated a) {
            return name(a);
        }

        @Override
        public PropertyName findNameForDeserialization(Annotated a) {
            return name(a);
        }

        private static PropertyName name(Annotated a) {
            JsonName n = a.getAnnotation(JsonName.class);
            return n == null ? null : PropertyName.construct(n.value());
        }
    }

    private static final class OpenEnumSerializer extends StdSerializer<OpenEnum> {
        private static final long serialVersionUID = 1L;

        OpenEnumSerializer() {
            super(OpenEnum.class);
        }

        @Override
        public void serialize(OpenEnum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.value());
        }
    }

    private static final class OpenEnumDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
            if (OpenEnum.class.isAssignableFrom(type.getRawClass())) {
                return new OpenEnumDeserializer(type.getRawClass());
            }
            return null;
        }
    }

    private static final class OpenEnumDeserializer extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, Object> creator;

        OpenEnumDeserializer(Class<?> type) {
            super(type);
            this.creator = OpenEnum.creator(type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            try {
                return creator.apply(p.getText());
            } catch (RuntimeException e) {
                return ctxt.handleInstantiationProblem(handledType(), p.getText(), e);
            }
        }
    }

    /** Untyped values: integers as Long (BigInteger when too large), decimals as Double, objects as ordered maps. */
    private static final class UntypedDeserializer extends StdDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        UntypedDeserializer() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return convert(ctxt.readTree(p));
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return null;
        }

        private static Object convert(JsonNode node) {
            switch (node.getNodeType()) {
                case OBJECT: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    node.fields().forEachRemaining(e -> map.put(e.getKey(), convert(e.getValue())));
                    return map;
                }
                case ARRAY: {
                    List<Object> list = new ArrayList<>(node.size());
                    node.forEach(n -> list.add(convert(n)));
                    return list;
                }
                case NUMBER:
                    if (node.isIntegralNumber()) {
                        return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
                    }
                    return node.doubleValue();
                case STRING:
                    return node.textValue();
                case BOOLEAN:
                    return node.booleanValue();
                default:
                    return null;
            }
        }
    }

    private static final class OffsetDateTimeSerializer extends StdSerializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        OffsetDateTimeSerializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
    }

    private static final class OffsetDateTimeDeserializer extends StdScalarDeserializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        OffsetDateTimeDeserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            try {
                return Rfc3339.parse(p.getText());
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(
                        OffsetDateTime.class, p.getText(), "not an RFC 3339 date-time with offset");
            }
        }
    }
}
