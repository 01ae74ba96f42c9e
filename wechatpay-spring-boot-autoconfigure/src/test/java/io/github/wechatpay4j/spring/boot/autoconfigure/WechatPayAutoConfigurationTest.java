package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auto-configuration in a real application context (Spring Boot's context runner), with RSA keys made for the
 * test and, where a call is made, the fake WeChat Pay over loopback HTTP. The same tests run on Spring Boot 3.5 (this
 * module) and 4.0 (tooling/spring-boot4-tests).
 */
class WechatPayAutoConfigurationTest {
    private static final TestKeys A = TestKeys.generate("1900000101");
    private static final TestKeys B = TestKeys.generate("1900000102");

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class));

    private static List<String> merchant(String name, TestKeys keys) {
        String p = "wechatpay.merchants." + name + ".";
        List<String> out = new ArrayList<>();
        out.add(p + "merchant-id=" + keys.mchid());
        out.add(p + "merchant-serial-number=" + keys.merchantSerial());
        out.add(p + "private-key=" + keys.merchantPrivateKeyPem());
        out.add(p + "wechatpay-public-key-id=" + keys.publicKeyId());
        out.add(p + "wechatpay-public-key=" + keys.platformPublicKeyPem());
        out.add(p + "api-v3-key=" + keys.apiV3Key());
        return out;
    }

    private static String[] values(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    @Test
    void oneMerchantIsAPlainWechatPayBeanAndTheTypedApi() {
        runner.withPropertyValues(merchant("main", A).toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            WechatPay client = context.getBean(WechatPay.class);
            assertEquals(A.mchid(), client.merchantId());
            assertSame(client, context.getBean(WechatPayClients.class).get("main"));
            assertNotNull(context.getBean(WechatPayApi.class));
        });
    }

    @Test
    void severalMerchantsByNameAndMerchantIdSharingOneTransportNoSecretShown() {
        runner.withPropertyValues(values(merchant("shop", A), merchant("mall", B)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(WechatPay.class);
                    WechatPayClients clients = context.getBean(WechatPayClients.class);
                    assertEquals(Set.of("shop", "mall"), clients.names());
                    assertEquals(B.mchid(), clients.get("mall").merchantId());
                    assertSame(clients.get("shop"), clients.byMerchantId(A.mchid()));
                    assertThrows(ConfigurationException.class, clients::only);
                    assertThrows(ConfigurationException.class, () -> clients.get("nope"));
                    String shown = clients + " " + context.getBean(WechatPayProperties.class);
                    for (TestKeys k : List.of(A, B)) {
                        assertThat(shown).doesNotContain(k.apiV3Key()).doesNotContain("PRIVATE KEY");
                    }
                });
    }

    @Test
    void certificatesAreDownloadedOverHttpThroughTheSharedTransportAndScheduler() throws Exception {
        try (FakeWechatPay fake = FakeWechatPay.start(A, FakeWechatPay.Mode.CERTIFICATE)) {
            String p = "wechatpay.merchants.main.";
            runner.withPropertyValues(
                            p + "merchant-id=" + A.mchid(),
                            p + "merchant-serial-number=" + A.merchantSerial(),
                            p + "private-key=" + A.merchantPrivateKeyPem(),
                            p + "api-v3-key=" + A.apiV3Key(),
                            p + "auto-certificates=true",
                            p + "base-url=" + fake.baseUrl())
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        WechatPay client = context.getBean(WechatPay.class);
                        assertTrue(
                                client.verifier().serialNumbers().contains(A.platformSerial()),
                                "the platform certificate came from GET /v3/certificates on the fake");
                        assertEquals(
                                1,
                                Thread.getAllStackTraces().keySet().stream()
                                        .filter(t -> t.getName().equals("wechatpay4j-certificates-shared"))
                                        .count(),
                                "one refresh thread for the whole application, the shared resources' scheduler");
                        assertTrue(client.toString().contains("transport="), client.toString());
                    });
        }
    }

    @Test
    void aBrokenPemStopsTheContextWithTheSdksMessageAndNoKey() {
        List<String> broken = new ArrayList<>(merchant("main", A));
        broken.set(
                2,
                "wechatpay.merchants.main.private-key=-----BEGIN PRIVATE KEY-----\nnot base64!\n"
                        + "-----END PRIVATE KEY-----");
        runner.withPropertyValues(broken.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
            assertNotNull(analysis, "the failure analyzer recognises it");
            assertThat(analysis.getDescription())
                    .startsWith("WeChat Pay is not configured correctly:" + " wechatpay.merchants.main: ");
            assertThat(analysis.getDescription()).doesNotContain("not base64!");
        });
    }

    @Test
    void aShortApiV3KeyADuplicateMerchantOrNoneAtAllStopTheContext() {
        List<String> shortKey = new ArrayList<>(merchant("main", A));
        shortKey.set(5, "wechatpay.merchants.main.api-v3-key=0123456789012345678901234567890");
        runner.withPropertyValues(shortKey.toArray(String[]::new)).run(context -> {
            String description = new WechatPayFailureAnalyzer()
                    .analyze(context.getStartupFailure())
                    .getDescription();
            assertThat(description).contains("wechatpay.merchants.main").contains("32");
            assertThat(description).doesNotContain("0123456789012345678901234567890");
        });
        runner.withPropertyValues(values(merchant("one", A), merchant("again", A)))
                .run(context -> assertThat(new WechatPayFailureAnalyzer()
                                .analyze(context.getStartupFailure())
                                .getDescription())
                        .contains("merchant ID " + A.mchid() + " is configured twice"));
        runner.run(context -> assertThat(context.getStartupFailure())
                .hasRootCauseInstanceOf(ConfigurationException.class)
                .rootCause()
                .hasMessageContaining("no merchant is configured"));
        runner.withPropertyValues("wechatpay.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatPayClients.class));
    }

    @Test
    void withADataSourceNotificationsAreTrackedInItsTableCreatedOnAnEmbeddedDatabase() {
        runner.withPropertyValues(merchant("main", A).toArray(String[]::new))
                .withBean(DataSource.class, JdbcDeliveryTrackerTest::database)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DeliveryTracker tracker = context.getBean(DeliveryTracker.class);
                    assertThat(tracker).isInstanceOf(JdbcDeliveryTracker.class);
                    assertEquals(DeliveryTracker.Claim.CLAIMED, tracker.claim("n-1"), "the table was created");
                });
        runner.withPropertyValues(merchant("main", A).toArray(String[]::new))
                .withPropertyValues("wechatpay.delivery-tracker.type=memory")
                .withBean(DataSource.class, JdbcDeliveryTrackerTest::database)
                .run(context ->
                        assertThat(context.getBean(DeliveryTracker.class)).isNotInstanceOf(JdbcDeliveryTracker.class));
    }

    @Test
    void aMissingTableTheStarterMayNotCreateStopsTheContextWithTheSchemasPlace() {
        runner.withPropertyValues(merchant("main", A).toArray(String[]::new))
                .withPropertyValues("wechatpay.delivery-tracker.initialize-schema=never")
                .withBean(DataSource.class, JdbcDeliveryTrackerTest::database)
                .run(context -> assertThat(new WechatPayFailureAnalyzer()
                                .analyze(context.getStartupFailure())
                                .getDescription())
                        .contains("wechatpay_notification")
                        .contains(JdbcDeliveryTracker.SCHEMA));
        runner.withPropertyValues(merchant("main", A).toArray(String[]::new))
                .withPropertyValues("wechatpay.delivery-tracker.type=jdbc")
                .run(context -> assertThat(new WechatPayFailureAnalyzer()
                                .analyze(context.getStartupFailure())
                                .getDescription())
                        .contains("needs exactly one DataSource"));
    }
}
