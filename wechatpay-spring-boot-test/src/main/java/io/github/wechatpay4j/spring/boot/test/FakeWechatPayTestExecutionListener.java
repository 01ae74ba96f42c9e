package io.github.wechatpay4j.spring.boot.test;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/** Clears the faults a test switched on in the fakes, so that the next test (sharing the context) starts clean. */
final class FakeWechatPayTestExecutionListener extends AbstractTestExecutionListener {
    @Override
    public void afterTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()
                && testContext.getApplicationContext().containsBean("fakeWechatPays")) {
            testContext.getApplicationContext().getBean(FakeWechatPays.class).clearFaults();
        }
    }
}
