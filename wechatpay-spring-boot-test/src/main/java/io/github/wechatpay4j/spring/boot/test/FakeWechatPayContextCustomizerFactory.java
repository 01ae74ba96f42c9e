package io.github.wechatpay4j.spring.boot.test;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/** Finds {@link AutoConfigureFakeWechatPay} on a test class (or an enclosing one); registered in spring.factories. */
final class FakeWechatPayContextCustomizerFactory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureFakeWechatPay annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureFakeWechatPay.class);
        return annotation == null ? null : new FakeWechatPayContextCustomizer(annotation);
    }
}
