package io.github.wechatpay4j.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;

/**
 * An enumeration that tolerates values it does not know yet. WeChat Pay adds enum values without notice; a Java
 * {@code enum} would fail to read them, an open enum keeps them. The generated ones are classes with a constant per
 * known value, a static {@code of(String)} that returns that constant (so {@code ==} works on values read from
 * JSON) or a new instance for an unknown value, and {@code known()} for {@code switch}:
 *
 * <pre>{@code
 * if (answer.tradeState() == TradeState.SUCCESS) { ... }
 * switch (answer.tradeState().known()) {
 *     case SUCCESS -> ship();
 *     case NOTPAY, USERPAYING -> waitLonger();
 *     default -> review(answer.tradeState().value());
 * }
 * }</pre>
 *
 * Every {@link JsonCodec} writes such a value as its plain string and reads any string into it with
 * {@link #creator}: the public static {@code of(String)} when the type has one, otherwise its public
 * one-{@code String} constructor (a record of one {@code String} component works too).
 */
public interface OpenEnum {

    /** The value exactly as it appears on the wire. */
    String value();

    /**
     * How a codec makes an instance of {@code type} from a string: its public static {@code of(String)} returning
     * {@code type}, or its public {@code (String)} constructor.
     *
     * @throws IllegalArgumentException when {@code type} has neither
     */
    static Function<String, Object> creator(Class<?> type) {
        try {
            Method of = type.getMethod("of", String.class);
            if (Modifier.isStatic(of.getModifiers()) && type.isAssignableFrom(of.getReturnType())) {
                return value -> {
                    try {
                        return of.invoke(null, value);
                    } catch (ReflectiveOperationException e) {
                        throw failure(type, e);
                    }
                };
            }
        } catch (NoSuchMethodException e) {
            // fall through to the constructor
        }
        try {
            Constructor<?> constructor = type.getConstructor(String.class);
            return value -> {
                try {
                    return constructor.newInstance(value);
                } catch (ReflectiveOperationException e) {
                    throw failure(type, e);
                }
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(
                    type.getName() + " implements OpenEnum without a public static"
                            + " of(String) or a public (String) constructor",
                    e);
        }
    }

    /** What a failed reflective call throws: the factory's own exception, unwrapped. */
    private static RuntimeException failure(Class<?> type, ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException t && t.getCause() != null ? t.getCause() : e;
        return cause instanceof RuntimeException r
                ? r
                : new IllegalArgumentException("cannot make a " + type.getSimpleName() + ": " + cause, cause);
    }
}
