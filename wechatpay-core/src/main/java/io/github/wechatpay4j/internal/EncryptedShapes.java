package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.crypto.Encrypted;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link SensitiveFields} needs to know of a class, computed once per class by reflection: whether a value of it
 * may hold an {@link Encrypted} component, and how to reach it (a record's accessors, marked components and canonical
 * constructor; another class's fields, to look into and refuse). The cache is the only state.
 */
final class EncryptedShapes {
    /** How a class is walked: records are rebuilt; other classes only looked into (their fields), to refuse. */
    record Shape(
            boolean mayContain, Method[] accessors, boolean[] encrypted, Constructor<?> constructor, Field[] fields) {}

    static final Shape NONE = new Shape(false, null, null, null, null);

    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    /** How {@code type} is walked, computed once. */
    Shape shape(Class<?> type) {
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
                    throw new InvalidRequestException(
                            "@Encrypted marks String or List<String> components only, but " + type.getName() + "."
                                    + c.getName() + " is a " + c.getType().getName());
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
                if (!Modifier.isStatic(f.getModifiers())
                        && !f.isSynthetic()
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
            return c.isArray()
                    ? isDynamic(c.getComponentType())
                    : c == Object.class || c.isInterface() || Modifier.isAbstract(c.getModifiers());
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> rc) {
            Type[] args = p.getActualTypeArguments();
            return Collection.class.isAssignableFrom(rc) || Map.class.isAssignableFrom(rc) || rc == Optional.class
                    ? isDynamic(args[args.length - 1])
                    : isDynamic(rc);
        }
        if (type instanceof GenericArrayType g) {
            return isDynamic(g.getGenericComponentType());
        }
        return true;
    }

    private static boolean isListOfStrings(Type type) {
        return type instanceof ParameterizedType p
                && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class;
    }

    /** Values that never hold a record: primitives, strings, numbers, enums, and the JDK's own value classes. */
    static boolean isLeaf(Class<?> c) {
        if (c.isPrimitive()
                || c.isEnum()
                || c == String.class
                || (c.isArray() && c.getComponentType().isPrimitive())) {
            return true;
        }
        if (c.isArray()
                || Collection.class.isAssignableFrom(c)
                || Map.class.isAssignableFrom(c)
                || c == Optional.class
                || c == Object.class) {
            return false;
        }
        String name = c.getName();
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.");
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
            return known != null ? known.mayContain() : compute(c, visiting).mayContain();
        }
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw instanceof Class<?> rc
                    && (Collection.class.isAssignableFrom(rc)
                            || Map.class.isAssignableFrom(rc)
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

    static InvalidRequestException inaccessible(Class<?> type, Exception cause) {
        return new InvalidRequestException(
                "the record " + type.getName() + " has @Encrypted fields but its"
                        + " components cannot be read reflectively: make it public in an exported package, or open its"
                        + " package to io.github.wechatpay4j.core",
                cause);
    }
}
