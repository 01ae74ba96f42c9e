package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.observe.Call;
import io.github.wechatpay4j.observe.CallObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One merchant's calls as Micrometer observations named {@value #NAME}: with the application's meter registry, a
 * timer tagged {@code merchant} (the configured name), {@code method}, {@code operation} (the path template),
 * {@code outcome}, {@code status} and {@code error}. Every tag is low-cardinality: no order, user or merchant ID.
 */
final class MicrometerCallObserver implements CallObserver {
    static final String NAME = "wechatpay.client.requests";

    private final ObservationRegistry registry;
    private final String merchant;

    MicrometerCallObserver(ObservationRegistry registry, String merchant) {
        this.registry = registry;
        this.merchant = merchant;
    }

    @Override
    public Ending start(Call call) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("wechatpay " + call.method() + " " + call.operation())
                .lowCardinalityKeyValue("merchant", merchant)
                .lowCardinalityKeyValue("method", call.method())
                .lowCardinalityKeyValue("operation", call.operation())
                .start();
        return ended -> {
            observation
                    .lowCardinalityKeyValue("outcome", ended.outcome().name())
                    .lowCardinalityKeyValue(
                            "status", ended.statusCode() == 0 ? "none" : String.valueOf(ended.statusCode()));
            if (ended.error() != null) {
                observation.error(ended.error());
            }
            observation.stop();
        };
    }
}
