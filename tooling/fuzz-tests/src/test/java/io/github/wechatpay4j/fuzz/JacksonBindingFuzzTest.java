package io.github.wechatpay4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The Jackson adapter reading fuzzed JSON into maps, the SDK's records and a record of every supported kind. */
class JacksonBindingFuzzTest {
    @FuzzTest(maxDuration = "8s")
    void bindingFailsOnlyWithJsonCodecException(FuzzedDataProvider data) {
        Bindings.readEverything(Harness.JACKSON, data.consumeRemainingAsBytes());
    }
}
