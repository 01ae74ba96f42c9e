package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.Encrypted;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Finds {@link Encrypted} record components and returns a copy of the value with each of them transformed. It
 * reaches them through everything a JSON adapter writes: records, collections (lists, sets, any other), maps,
 * object arrays and {@code Optional}. It fails closed: a marked component it cannot rebuild (reachable through the
 * fields of a class that is not a record, or in a collection type it cannot recreate) is an
 * {@link InvalidRequestException}, never a plaintext on the wire. The one thing it does not look into is a field of
 * a general type (Object, an interface) in a class closed to reflection. Values without marked components are
 * returned as they are, after one cached look at their class. One instance per client: the cache is the only
 * state.
 */
public final class SensitiveFields {
    /** How a class is walked: records are rebuilt; other classes only looked into (their fields), to refuse. */
    private record Shape(boolean mayContain, Method[] accessors, boolean[] encrypted, Constructor<?> constructor,
                         Field[] fields) {
    }

    private static final Shape NONE = new Shape(false, null, null, null, null);
    private static final int MAX_DEPTH = 64;

    /** Thrown (without a stack trace) when a look into a value finds a marked component. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Found() {
            super(null, null, false, false);
        }
    }

    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    /** Whether {@code value} may hold an {@link Encrypted} component (false means there is nothing to do). */
    public boolean mayContain(Object value) {
        if (value == null || isLeaf(value.getClass())) {
            return false;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Object[]
                || value instanceof Optional<?>) {
            return true;
        }
        return shape(value.getClass()).mayContain;
    }

    /**
     * {@code value} with {@code transform} applied to every {@link Encrypted} string, rebuilt through the records'
     * canonical constructors; the same instance when nothing was marked.
     *
     * @throws InvalidRequestException a marked component sits where it cannot be rebuilt
     */
    public Object apply(Object value, UnaryOperator<String> transform) {
        return apply(value, transform, 0);
    }

    private Object apply(Object value, UnaryOperator<String> transform, int depth) {
        if (value == null || isLeaf(value.getClass())) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException("the body nests deeper than " + MAX_DEPTH + " levels (a cycle?):"
                    + " its @Encrypted fields cannot be found");
        }
        if (value instanceof Collection<?> collection) {
            return applyToCollection(collection, transform, depth);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object n = apply(e.getValue(), transform, depth + 1);
                changed |= n != e.getValue();
                out.put(e.getKey(), n);
            }
            return changed ? Collections.unmodifiableMap(out) : value;
        }
        if (value instanceof Object[] array) {
            Object[] out = (Object[]) Array.newInstance(array.getClass().getComponentType(), array.length);
            boolean changed = false;
            for (int i = 0; i < array.length; i++) {
                out[i] = apply(array[i], transform, depth + 1);
                changed |= out[i] != array[i];
            }
            return changed ? out : value;
        }
        if (value instanceof Optional<?> optional) {
            Object inner = optional.orElse(null);
            Object n = apply(inner, transform, depth + 1);
            return n == inner ? value : Optional.ofNullable(n);
        }
        Shape shape = shape(value.getClass());
        if (!shape.mayContain) {
            return value;
        }
        return shape.fields != null ? refuseIfMarked(value, shape, depth) : applyToRecord(value, shape, transform, depth);
    }

    private Object applyToCollection(Collection<?> collection, UnaryOperator<String> transform, int depth) {
        List<Object> out = new ArrayList<>(collection.size());
        boolean changed = false;
        for (Object o : collection) {
            Object n = apply(o, transform, depth + 1);
            changed |= n != o;
            out.add(n);
        }
        if (!changed) {
            return collection;
        }
        if (collection instanceof Set<?>) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(out)); // the order of iteration is kept
        }
        return Collections.unmodifiableList(out); // a record expecting another collection type refuses it below
    }

    private Object applyToRecord(Object value, Shape shape, UnaryOperator<String> transform, int depth) {
        Object[] args = new Object[shape.accessors.length];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            Object v = invoke(shape.accessors[i], value);
            Object n = shape.encrypted[i] ? (v == null ? null : transformEncrypted(v, transform))
                    : apply(v, transform, depth + 1);
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
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("the record " + value.getClass().getName() + " holds @Encrypted fields"
                    + " in a collection type that cannot be rebuilt: declare the component as a List, Set,"
                    + " Collection or array", e);
        } catch (ReflectiveOperationException e) {
            throw inaccessible(value.getClass(), e);
        }
    }

    /**
     * A class that is not a record cannot be rebuilt with its fields encrypted: if any of its fields holds a marked
     * component with a value, the request is refused rather than sent with the plaintext.
     */
    private Object refuseIfMarked(Object value, Shape shape, int depth) {
        for (Field field : shape.fields) {
            Object v;
            try {
                v = field.get(value);
            } catch (IllegalAccessException e) {
                throw inaccessible(value.getClass(), e);
            }
            try {
                apply(v, s -> {
                    throw new Found();
                }, depth + 1);
            } catch (Found found) {
                throw new InvalidRequestException("the field " + field.getName() + " of " + value.getClass().getName()
                        + " holds @Encrypted fields, but " + value.getClass().getSimpleName() + " is not a record and"
                        + " cannot be rebuilt with them encrypted: make it a record, or use a Map");
            }
        }
        return value;
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
        if (isLeaf(type) || !visiting.add(type)) {
            return NONE;
        }
        return type.isRecord() ? computeRecord(type, visiting) : computeOther(type, visiting);
    }

    private Shape computeRecord(Class<?> type, Set<Class<?>> visiting) {
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
            return new Shape(true, accessors, encrypted, constructor, null);
        } catch (NoSuchMethodException e) {
            throw inaccessible(type, e);
        }
    }

    /** Another class (a JavaBean, say): the instance fields that could hold a marked component, to look into. */
    private Shape computeOther(Class<?> type, Set<Class<?>> visiting) {
        List<Field> candidates = new ArrayList<>();
        for (Class<?> c = type; c != null && !isLeaf(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()
                        && mayContain(f.getGenericType(), visiting)) {
                    candidates.add(f);
                }
            }
        }
        List<Field> readable = new ArrayList<>();
        for (Field f : candidates) {
            if (f.trySetAccessible()) {
                readable.add(f);
            } else if (!isDynamic(f.getGenericType())) {
                throw new InvalidRequestException("the field " + f.getName() + " of " + type.getName() + " is declared"
                        + " to hold records with @Encrypted fields, but " + type.getSimpleName() + " is not a record"
                        + " and cannot be read: make it a record, or open its package to io.github.wechatpay4j.core");
            }
            // a field of a general type (Object, an interface) in a class closed to reflection, a JSON tree node's
            // children for example, is not looked into: the library that owns it does not hold our records
        }
        return readable.isEmpty() ? NONE : new Shape(true, null, null, null, readable.toArray(new Field[0]));
    }

    /** Whether only the value at run time can tell what a declared type holds (Object, interfaces, type variables). */
    private static boolean isDynamic(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? isDynamic(c.getComponentType())
                    : c == Object.class || c.isInterface() || Modifier.isAbstract(c.getModifiers());
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> rc) {
            Type[] args = p.getActualTypeArguments();
            return Collection.class.isAssignableFrom(rc) || Map.class.isAssignableFrom(rc) || rc == Optional.class
                    ? isDynamic(args[args.length - 1]) : isDynamic(rc);
        }
        if (type instanceof GenericArrayType g) {
            return isDynamic(g.getGenericComponentType());
        }
        return true;
    }

    private static boolean isListOfStrings(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class;
    }

    /** Values that never hold a record: primitives, strings, numbers, enums, and the JDK's own value classes. */
    private static boolean isLeaf(Class<?> c) {
        if (c.isPrimitive() || c.isEnum() || c == String.class || (c.isArray() && c.getComponentType().isPrimitive())) {
            return true;
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)
                || c == Optional.class || c == Object.class) {
            return false;
        }
        String name = c.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private boolean mayContain(Type type, Set<Class<?>> visiting) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return mayContain(c.getComponentType(), visiting);
            }
            if (c == Object.class || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                return !isLeaf(c); // anything but a JDK value type could be behind it: look at run time
            }
            if (isLeaf(c)) {
                return false;
            }
            if (c == Optional.class || Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
                return true; // raw: look at run time
            }
            Shape known = shapes.get(c);
            return known != null ? known.mayContain : compute(c, visiting).mayContain;
        }
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw instanceof Class<?> rc && (Collection.class.isAssignableFrom(rc) || Map.class.isAssignableFrom(rc)
                    || rc == Optional.class)) {
                Type[] args = p.getActualTypeArguments();
                return mayContain(args[args.length - 1], visiting);
            }
            if (mayContain(raw, visiting)) {
                return true;
            }
            for (Type arg : p.getActualTypeArguments()) {
                if (mayContain(arg, visiting)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof GenericArrayType g) {
            return mayContain(g.getGenericComponentType(), visiting);
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
