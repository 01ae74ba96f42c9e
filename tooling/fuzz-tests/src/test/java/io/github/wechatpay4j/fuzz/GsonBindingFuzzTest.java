package io.github.wechatpay4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The Gson adapter reading fuzzed JSON into maps, the SDK's records and a record of every supported kind. */
class GsonBindingFuzzTest {
    @FuzzTest(maxDuration = "8s")
    void bindingFailsOnlyWithJsonCodecException(FuzzedDataProvider data) {
        Bindings.readEverything(Harness.GSON, data.consumeRemainingAsBytes());
    }
}
