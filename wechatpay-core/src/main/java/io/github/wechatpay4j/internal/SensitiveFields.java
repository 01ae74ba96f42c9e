package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.Encrypted;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Finds {@link Encrypted} record components (also inside nested records, lists and maps) and
 * returns a copy of the value with each of them transformed. Values without such components are returned as they
 * are, after one cached look at their class. One instance per client: the cache is the only state.
 */
public final class SensitiveFields {
    private record Shape(boolean mayContain, Method[] accessors, boolean[] encrypted, Constructor<?> constructor) {
    }

    private static final Shape NONE = new Shape(false, null, null, null);

    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    /** Whether {@code value} may hold an {@link Encrypted} component (false means there is nothing to do). */
    public boolean mayContain(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return true;
        }
        return shape(value.getClass()).mayContain;
    }

    /**
     * {@code value} with {@code transform} applied to every {@link Encrypted} string, rebuilt through the records'
     * canonical constructors; the same instance when nothing was marked.
     */
    public Object apply(Object value, UnaryOperator<String> transform) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object o : list) {
                Object n = apply(o, transform);
                changed |= n != o;
                out.add(n);
            }
            return changed ? Collections.unmodifiableList(out) : value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object n = apply(e.getValue(), transform);
                changed |= n != e.getValue();
                out.put(e.getKey(), n);
            }
            return changed ? Collections.unmodifiableMap(out) : value;
        }
        Shape shape = shape(value.getClass());
        if (!shape.mayContain) {
            return value;
        }
        Object[] args = new Object[shape.accessors.length];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            Object v = invoke(shape.accessors[i], value);
            Object n = shape.encrypted[i] ? (v == null ? null : transformEncrypted(v, transform))
                    : apply(v, transform);
            changed |= n != v;
            args[i] = n;
        }
        if (!changed) {
            return value;
        }
        try {
            return shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof WechatPayException w) {
                throw w;
            }
            throw new InvalidRequestException("the record " + value.getClass().getName() + " refused its encrypted"
                    + " fields (" + e.getCause() + ")", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw inaccessible(value.getClass(), e);
        }
    }

    /** A marked {@code String}, or each string of a marked {@code List<String>}. */
    private static Object transformEncrypted(Object v, UnaryOperator<String> transform) {
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(o == null ? null : transform.apply((String) o));
            }
            return Collections.unmodifiableList(out);
        }
        return transform.apply((String) v);
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            throw new InvalidRequestException("the accessor " + accessor.getName() + "() of "
                    + target.getClass().getName() + " failed (" + e.getCause() + ")", e.getCause());
        } catch (IllegalAccessException e) {
            throw inaccessible(target.getClass(), e);
        }
    }

    private Shape shape(Class<?> type) {
        Shape known = shapes.get(type);
        if (known != null) {
            return known;
        }
        Shape computed = compute(type, new HashSet<>());
        Shape raced = shapes.putIfAbsent(type, computed);
        return raced != null ? raced : computed;
    }

    private Shape compute(Class<?> type, Set<Class<?>> visiting) {
        if (!type.isRecord() || !visiting.add(type)) {
            return NONE;
        }
        RecordComponent[] components = type.getRecordComponents();
        boolean[] encrypted = new boolean[components.length];
        boolean mayContain = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            if (c.isAnnotationPresent(Encrypted.class)) {
                if (c.getType() != String.class && !isListOfStrings(c.getGenericType())) {
                    throw new InvalidRequestException("@Encrypted marks String or List<String> components only, but "
                            + type.getName() + "." + c.getName() + " is a " + c.getType().getName());
                }
                encrypted[i] = true;
                mayContain = true;
            } else if (!mayContain && mayContain(c.getGenericType(), visiting)) {
                mayContain = true;
            }
        }
        if (!mayContain) {
            return NONE;
        }
        Method[] accessors = new Method[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            types[i] = components[i].getType();
            if (!accessors[i].trySetAccessible()) {
                throw inaccessible(type, null);
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            if (!constructor.trySetAccessible()) {
                throw inaccessible(type, null);
            }
            return new Shape(true, accessors, encrypted, constructor);
        } catch (NoSuchMethodException e) {
            throw inaccessible(type, e);
        }
    }

    private static boolean isListOfStrings(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class;
    }

    private boolean mayContain(Type type, Set<Class<?>> visiting) {
        if (type instanceof Class<?> c) {
            if (c.isRecord()) {
                Shape known = shapes.get(c);
                return known != null ? known.mayContain : compute(c, visiting).mayContain;
            }
            // an Object, interface or raw collection could hold anything: look at run time
            return c == Object.class || Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c);
        }
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw instanceof Class<?> rc && (Collection.class.isAssignableFrom(rc)
                    || Map.class.isAssignableFrom(rc))) {
                Type[] args = p.getActualTypeArguments();
                return mayContain(args[args.length - 1], visiting);
            }
            return false;
        }
        if (type instanceof WildcardType w) {
            return w.getUpperBounds().length == 0 || mayContain(w.getUpperBounds()[0], visiting);
        }
        return true; // type variables: decide at run time
    }

    private static InvalidRequestException inaccessible(Class<?> type, Exception cause) {
        return new InvalidRequestException("the record " + type.getName() + " has @Encrypted fields but its"
                + " components cannot be read reflectively: make it public in an exported package, or open its"
                + " package to io.github.wechatpay4j.core", cause);
    }
}
