package io.github.wechatpay4j.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;

/** Generic types handed to the JSON codec. */
public final class JsonTypes {
    /** {@code Map<String, Object>}: a JSON object with nested maps and lists. */
    public static final Type MAP = new ParameterizedType() {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {String.class, Object.class};
        }

        @Override
        public Type getRawType() {
            return Map.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String toString() {
            return "java.util.Map<java.lang.String, java.lang.Object>";
        }
    };

    private JsonTypes() {}
}
