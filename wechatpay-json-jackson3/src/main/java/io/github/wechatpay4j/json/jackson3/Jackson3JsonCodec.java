package io.github.wechatpay4j.json.jackson3;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.json.JsonName;
import io.github.wechatpay4j.json.OpenEnum;
import io.github.wechatpay4j.json.Rfc3339;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

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
 * {@link JsonCodec} on Jackson 3 databind ({@code tools.jackson}, the Jackson of Spring Boot 4), following the codec
 * contract (snake_case, records, nulls omitted, unknown fields ignored, {@link OpenEnum}, RFC 3339
 * {@link OffsetDateTime}, {@link JsonName}).
 *
 * <p>A mapper you pass in is {@linkplain JsonMapper#rebuild() rebuilt} with the contract's settings: your modules
 * and settings stay, and your mapper (immutable in Jackson 3) is not changed.
 */
public final class Jackson3JsonCodec implements JsonCodec {
    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    /** A codec with its own mapper. */
    public Jackson3JsonCodec() {
        this(JsonMapper.builder().build());
    }

    /** A codec over {@code mapper} (Spring Boot 4's {@code JsonMapper} bean, say) rebuilt with the contract's settings. */
    public Jackson3JsonCodec(JsonMapper mapper) {
        if (mapper == null) {
            throw new ConfigurationException("the ObjectMapper must not be null");
        }
        this.mapper = configure(mapper.rebuild());
        // emoji and other supplementary characters as 4-byte UTF-8, not as \uD83D\uDE00 escapes
        this.writer = this.mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    private static ObjectMapper configure(JsonMapper.Builder builder) {
        return builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .changeDefaultPropertyInclusion(
                        incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .configure(SerializationFeature.INDENT_OUTPUT, false)
                .addModule(new WechatPayModule())
                .build();
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
            return writer.writeValueAsBytes(value);
        } catch (JacksonException e) {
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
            return mapper.readValue(json, mapper.constructType(type));
        } catch (JacksonException e) {
            throw new JsonCodecException(
                    "cannot read JSON as " + type.getTypeName() + ": " + e.getOriginalMessage() + location(e), e);
        } catch (RuntimeException e) {
            throw new JsonCodecException("cannot read JSON as " + type.getTypeName() + ": " + e, e);
        }
    }

    private static String location(JacksonException e) {
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
        return "Jackson3JsonCodec";
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
            context.addDeserializerModifier(new SkipUnknownProperties());
        }
    }

    /**
     * Unknown properties are ignored anyway ({@code FAIL_ON_UNKNOWN_PROPERTIES} is off); marking every bean so makes
     * Jackson skip them while reading a record instead of buffering each first (as in the Jackson 2 adapter).
     */
    private static final class SkipUnknownProperties extends ValueDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public BeanDeserializerBuilder updateBuilder(
                DeserializationConfig config, BeanDescription.Supplier beanDesc, BeanDeserializerBuilder builder) {
            builder.setIgnoreUnknownProperties(true);
            return builder;
        }
    }

    private static final class JsonNameIntrospector extends NopAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated a) {
            return name(a);
        }

        @Override
        public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated a) {
            return name(a);
        }

        private static PropertyName name(Annotated a) {
            JsonName n = a.getAnnotation(JsonName.class);
            return n == null ? null : PropertyName.construct(n.value());
        }
    }

    private static final class OpenEnumSerializer extends StdSerializer<OpenEnum> {
        OpenEnumSerializer() {
            super(OpenEnum.class);
        }

        @Override
        public void serialize(OpenEnum value, JsonGenerator gen, SerializationContext provider) {
            gen.writeString(value.value());
        }
    }

    private static final class OpenEnumDeserializers extends Deserializers.Base {
        @Override
        public ValueDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription.Supplier beanDesc) {
            if (OpenEnum.class.isAssignableFrom(type.getRawClass())) {
                return new OpenEnumDeserializer(type.getRawClass());
            }
            return null;
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
            return OpenEnum.class.isAssignableFrom(valueType);
        }
    }

    private static final class OpenEnumDeserializer extends StdScalarDeserializer<Object> {
        private final transient Function<String, Object> creator;

        OpenEnumDeserializer(Class<?> type) {
            super(type);
            this.creator = OpenEnum.creator(type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            try {
                return creator.apply(p.getString());
            } catch (RuntimeException e) {
                return ctxt.handleInstantiationProblem(handledType(), p.getString(), e);
            }
        }
    }

    /** Untyped values: integers as Long (BigInteger when too large), decimals as Double, objects as ordered maps. */
    private static final class UntypedDeserializer extends StdDeserializer<Object> {
        UntypedDeserializer() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
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
                    node.properties().forEach(e -> map.put(e.getKey(), convert(e.getValue())));
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
                    return node.stringValue();
                case BOOLEAN:
                    return node.booleanValue();
                default:
                    return null;
            }
        }
    }

    private static final class OffsetDateTimeSerializer extends StdSerializer<OffsetDateTime> {
        OffsetDateTimeSerializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext provider) {
            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
    }

    private static final class OffsetDateTimeDeserializer extends StdScalarDeserializer<OffsetDateTime> {
        OffsetDateTimeDeserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            try {
                return Rfc3339.parse(p.getString());
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(
                        OffsetDateTime.class, p.getString(), "not an RFC 3339 date-time with offset");
            }
        }
    }
}
