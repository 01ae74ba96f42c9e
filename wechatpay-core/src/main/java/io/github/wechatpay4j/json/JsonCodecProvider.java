package io.github.wechatpay4j.json;

/**
 * Creates {@link JsonCodec}s. Found with {@link java.util.ServiceLoader} like
 * {@link io.github.wechatpay4j.http.HttpTransportProvider}: an explicit codec on the builder wins, then the system
 * property {@code wechatpay.json} (a {@link #name()} or class name), then the only provider found, then the highest
 * {@link #priority()} (ties broken by name) with a log line listing all of them.
 */
public interface JsonCodecProvider {

    /** Short, stable name such as {@code jackson} or {@code gson}. */
    String name();

    /** Preference when several providers are present: higher wins. Jackson uses 10, Gson 0. */
    default int priority() {
        return 0;
    }

    JsonCodec create();
}
