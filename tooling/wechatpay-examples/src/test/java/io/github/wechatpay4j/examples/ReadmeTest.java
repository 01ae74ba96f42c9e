package io.github.wechatpay4j.examples;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The custom transport, the notification endpoint, the first integration, the APIv2 payment-code checkout, the
 * many-merchants platform and the ShangMi merchant in the README are the code compiled and tested here ({@code FirstIntegrationTest} and {@code PaymentCodeCheckoutTest} run
 * them against the fake).
 */
class ReadmeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UrlConnectionTransport.java",
                "UrlConnectionTransportProvider.java",
                "NotificationEndpoint.java",
                "FirstIntegration.java",
                "PaymentCodeCheckout.java",
                "ManyMerchants.java",
                "ShangMiMerchant.java"
            })
    void theReadmeShowsTheTestedSource(String file) throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"), StandardCharsets.UTF_8);
        String begin = "<!-- BEGIN " + file;
        int start = readme.indexOf(begin);
        assertTrue(start >= 0, "README has no block for " + file);
        int code = readme.indexOf("```java\n", start) + "```java\n".length();
        String shown = readme.substring(code, readme.indexOf("```\n<!-- END " + file, code));
        String source =
                Files.readString(Path.of("src/main/java/io/github/wechatpay4j/examples", file), StandardCharsets.UTF_8);
        // the first integration is shown with its imports, the others from their Javadoc
        String fromJavadoc = file.equals("FirstIntegration.java")
                ? source.substring(source.indexOf("\nimport ") + 1)
                : source.substring(source.indexOf("\n/**") + 1);
        assertEquals(fromJavadoc, shown, "update the README block for " + file + " from the source");
    }
}
