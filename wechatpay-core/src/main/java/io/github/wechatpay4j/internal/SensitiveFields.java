package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.Encrypted;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final int MAX_DEPTH = 64;

    /** Thrown (without a stack trace) when a look into a value finds a marked component. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Found() {
            super(null, null, false, false);
        }
    }

    private final EncryptedShapes shapes = new EncryptedShapes();

    /** Whether {@code value} may hold an {@link Encrypted} component (false means there is nothing to do). */
    public boolean mayContain(Object value) {
        if (value == null || EncryptedShapes.isLeaf(value.getClass())) {
            return false;
        }
        if (value instanceof Collection<?>
                || value instanceof Map<?, ?>
                || value instanceof Object[]
                || value instanceof Optional<?>) {
            return true;
        }
        return shapes.shape(value.getClass()).mayContain();
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
        if (value == null || EncryptedShapes.isLeaf(value.getClass())) {
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
        EncryptedShapes.Shape shape = shapes.shape(value.getClass());
        if (!shape.mayContain()) {
            return value;
        }
        return shape.fields() != null
                ? refuseIfMarked(value, shape, depth)
                : applyToRecord(value, shape, transform, depth);
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

    private Object applyToRecord(
            Object value, EncryptedShapes.Shape shape, UnaryOperator<String> transform, int depth) {
        Object[] args = new Object[shape.accessors().length];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            Object v = invoke(shape.accessors()[i], value);
            Object n = shape.encrypted()[i]
                    ? (v == null ? null : transformEncrypted(v, transform))
                    : apply(v, transform, depth + 1);
            changed |= n != v;
            args[i] = n;
        }
        if (!changed) {
            return value;
        }
        try {
            return shape.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof WechatPayException w) {
                throw w;
            }
            throw new InvalidRequestException(
                    "the record " + value.getClass().getName() + " refused its encrypted" + " fields (" + e.getCause()
                            + ")",
                    e.getCause());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "the record " + value.getClass().getName() + " holds @Encrypted fields"
                            + " in a collection type that cannot be rebuilt: declare the component as a List, Set,"
                            + " Collection or array",
                    e);
        } catch (ReflectiveOperationException e) {
            throw EncryptedShapes.inaccessible(value.getClass(), e);
        }
    }

    /**
     * A class that is not a record cannot be rebuilt with its fields encrypted: if any of its fields holds a marked
     * component with a value, the request is refused rather than sent with the plaintext.
     */
    private Object refuseIfMarked(Object value, EncryptedShapes.Shape shape, int depth) {
        for (Field field : shape.fields()) {
            Object v;
            try {
                v = field.get(value);
            } catch (IllegalAccessException e) {
                throw EncryptedShapes.inaccessible(value.getClass(), e);
            }
            try {
                apply(
                        v,
                        s -> {
                            throw new Found();
                        },
                        depth + 1);
            } catch (Found found) {
                throw new InvalidRequestException("the field " + field.getName() + " of "
                        + value.getClass().getName()
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
            throw new InvalidRequestException(
                    "the accessor " + accessor.getName() + "() of "
                            + target.getClass().getName() + " failed (" + e.getCause() + ")",
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw EncryptedShapes.inaccessible(target.getClass(), e);
        }
    }
}
