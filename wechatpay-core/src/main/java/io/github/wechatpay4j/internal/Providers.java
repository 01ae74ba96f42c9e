package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The one place where adapters are discovered. Loads providers with {@link ServiceLoader} from core's own class
 * loader first, then the thread context class loader, each provider guarded so that one broken jar cannot stop the
 * others; then selects one by the documented policy (see {@link #select}).
 */
public final class Providers {

    private Providers() {}

    /** What to call things in messages and how to read a provider's name and priority. */
    public record Kind<P>(
            Class<P> type,
            String what,
            String property,
            String artifacts,
            Function<P, String> name,
            ToIntFunction<P> priority) {}

    /** Every provider of {@code type} visible to core's loader or the context loader, de-duplicated by class. */
    public static <P> List<P> load(Class<P> type) {
        Map<String, P> found = new LinkedHashMap<>();
        ClassLoader own = Providers.class.getClassLoader();
        loadInto(found, type, own);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != own) {
            loadInto(found, type, context);
        }
        return new ArrayList<>(found.values());
    }

    /** Loads from one class loader (exposed for tests with isolated loaders). */
    public static <P> List<P> load(Class<P> type, ClassLoader loader) {
        Map<String, P> found = new LinkedHashMap<>();
        loadInto(found, type, loader);
        return new ArrayList<>(found.values());
    }

    private static <P> void loadInto(Map<String, P> found, Class<P> type, ClassLoader loader) {
        Iterator<P> it;
        try {
            it = ServiceLoader.load(type, loader).iterator();
        } catch (ServiceConfigurationError | LinkageError e) {
            Logs.PROVIDERS.log(System.Logger.Level.WARNING, "cannot look up " + type.getName() + " providers: " + e);
            return;
        }
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                P provider = it.next();
                found.putIfAbsent(provider.getClass().getName(), provider);
            } catch (ServiceConfigurationError | LinkageError e) {
                // a broken or incompatible adapter jar: skip it, keep looking, and say so
                Logs.PROVIDERS.log(
                        System.Logger.Level.WARNING,
                        "skipping a " + type.getName() + " provider that failed to" + " load: " + e);
            }
        }
    }

    /**
     * Selects a provider: the one named by {@code propertyValue} (a {@code name()} or class name; no match is an
     * error) if given; else the only one found; else the highest priority (ties by name), logging all candidates;
     * none found is an error naming the artifacts to add. (An explicit instance on the builder never gets here.)
     */
    public static <P> P select(Kind<P> kind, List<P> found, String propertyValue) {
        if (propertyValue != null && !propertyValue.isBlank()) {
            String wanted = propertyValue.strip();
            for (P p : found) {
                if (wanted.equalsIgnoreCase(kind.name.apply(p))
                        || wanted.equals(p.getClass().getName())) {
                    return p;
                }
            }
            throw new ConfigurationException("the system property " + kind.property + "=" + wanted + " names no "
                    + kind.what + " on the class path; found: " + (found.isEmpty() ? "none" : names(kind, found))
                    + ". Add the artifact that provides it (" + kind.artifacts + ") or change the property");
        }
        if (found.isEmpty()) {
            throw new ConfigurationException("no " + kind.what + " found: add one of " + kind.artifacts
                    + " to the class path (the wechatpay4j BOM lists them), or pass one to WechatPay.builder()");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        P chosen = found.stream()
                .sorted(Comparator.comparingInt((P p) -> -kind.priority.applyAsInt(p))
                        .thenComparing(p -> kind.name.apply(p)))
                .findFirst()
                .orElseThrow();
        Logs.PROVIDERS.log(
                System.Logger.Level.INFO,
                "several " + kind.what + "s found: " + names(kind, found) + "; using '"
                        + kind.name.apply(chosen) + "' (highest priority). Set -D" + kind.property
                        + "=<name> or pass one to the builder to choose");
        return chosen;
    }

    private static <P> String names(Kind<P> kind, List<P> found) {
        StringJoiner names = new StringJoiner(", ");
        for (P p : found) {
            names.add(kind.name.apply(p) + " (" + p.getClass().getName() + ")");
        }
        return names.toString();
    }
}
