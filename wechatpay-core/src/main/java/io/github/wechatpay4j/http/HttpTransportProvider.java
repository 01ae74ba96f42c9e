package io.github.wechatpay4j.http;

/**
 * Creates {@link HttpTransport}s. Found with {@link java.util.ServiceLoader}: an adapter lists its provider in
 * {@code META-INF/services/io.github.wechatpay4j.http.HttpTransportProvider} and in its {@code module-info}
 * ({@code provides ... with ...}). Must have a public no-argument constructor and be cheap to instantiate.
 *
 * <p>Selection when the client is built: an explicit transport on the builder; else the system property
 * {@code wechatpay.transport} (a provider {@link #name()} or class name); else the only provider found; else the one
 * with the highest {@link #priority()} (ties broken by name), with a log line listing all of them.
 */
public interface HttpTransportProvider {

    /** Short, stable name such as {@code jdk}, {@code okhttp}, {@code apache}. */
    String name();

    /**
     * Preference when several providers are present: higher wins, ties broken by name. Ours: {@code apache} 20,
     * {@code okhttp} 10, {@code jdk} -100 (so that a dedicated HTTP library, once added, is preferred). A custom
     * provider that should win by being present uses more than 20.
     */
    default int priority() {
        return 0;
    }

    HttpTransport create(TransportOptions options);
}
