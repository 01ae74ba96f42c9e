package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a WeChat Pay configuration problem into Spring Boot's failure report: the SDK's message (which names the
 * property and says what is wrong, never a key) instead of a stack of bean-creation exceptions.
 */
final class WechatPayFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis(
                "WeChat Pay is not configured correctly: " + cause.getMessage(),
                "Fix the wechatpay.* properties as the description says; the SDK checks every merchant when the"
                        + " application starts.",
                cause);
    }
}
