package io.github.wechatpay4j.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Map;

/** Matches when exactly one merchant is configured under {@code wechatpay.merchants}. */
final class OneMerchantCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        int count = Binder.get(context.getEnvironment())
                .bind("wechatpay.merchants", Bindable.mapOf(String.class, Object.class))
                .map(Map::size)
                .orElse(0);
        return count == 1
                ? ConditionOutcome.match("one merchant is configured")
                : ConditionOutcome.noMatch(count + " merchants are configured: use WechatPayClients");
    }
}
