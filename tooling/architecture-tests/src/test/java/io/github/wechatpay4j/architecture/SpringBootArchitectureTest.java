package io.github.wechatpay4j.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.wechatpay4j.spring.boot.autoconfigure.WechatPayClients;
import io.github.wechatpay4j.spring.boot.test.AutoConfigureFakeWechatPay;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Spring Boot modules: each optional library (Boot 3's actuator, Boot 4's health, Micrometer, WebFlux, the
 * servlet API, the typed API, APIv2) is touched by the classes that exist for it and only those, which are loaded only when
 * their condition says the library is there; so an application without it never meets a missing class.
 */
class SpringBootArchitectureTest {
    private static final String PACKAGE = "io.github.wechatpay4j.spring.boot.autoconfigure.";
    private static final JavaClasses AUTOCONFIGURE = classesOf(WechatPayClients.class);
    private static final JavaClasses TEST_SUPPORT = classesOf(AutoConfigureFakeWechatPay.class);

    private static JavaClasses classesOf(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        return new ClassFileImporter().importUrl(location);
    }

    /** Only {@code users} (simple names, nested with {@code $}) may depend on {@code packages}. */
    private static void confined(String why, String[] users, String... packages) {
        var that = noClasses().that().doNotHaveFullyQualifiedName(PACKAGE + users[0]);
        for (int i = 1; i < users.length; i++) {
            that = that.and().doNotHaveFullyQualifiedName(PACKAGE + users[i]);
        }
        that.should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages)
                .because(why)
                .check(AUTOCONFIGURE);
    }

    @Test
    void eachOptionalLibraryIsTouchedOnlyByTheClassesConditionalOnIt() {
        confined(
                "Boot 3's health API exists only on Boot 3",
                new String[] {"Boot3Health", "WechatPayObservabilityAutoConfiguration$Boot3HealthConfiguration"},
                "org.springframework.boot.actuate..");
        confined(
                "Boot 4's health API exists only on Boot 4",
                new String[] {"Boot4Health", "WechatPayObservabilityAutoConfiguration$Boot4HealthConfiguration"},
                "org.springframework.boot.health..");
        confined(
                "Micrometer is optional",
                new String[] {
                    "MicrometerCallObserver", "WechatPayObservabilityAutoConfiguration$ObservationConfiguration"
                },
                "io.micrometer..");
        confined(
                "WebFlux is optional",
                new String[] {"ReactiveNotificationEndpoint", "WechatPayAutoConfiguration$ReactiveNotifications"},
                "org.springframework.web.reactive..",
                "reactor..");
        confined(
                "the servlet API is optional",
                new String[] {"NotificationEndpoint", "WechatPayAutoConfiguration$ServletNotifications"},
                "jakarta.servlet..",
                "org.springframework.web.servlet..");
        confined("APIv2 (wechatpay-v2) is optional", new String[] {"ApiV2Support"}, "io.github.wechatpay4j.v2..");
        confined(
                "the typed API is optional",
                new String[] {"WechatPayAutoConfiguration$TypedApi"},
                "io.github.wechatpay4j.api..");
    }

    @Test
    void theStarterUsesCoresPublicApiOnlyAndHoldsNoStaticMutableState() {
        for (JavaClasses module : new JavaClasses[] {AUTOCONFIGURE, TEST_SUPPORT}) {
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.github.wechatpay4j.internal..")
                    .because("core's internal package is not exported")
                    .check(module);
            fields().that()
                    .areStatic()
                    .should()
                    .beFinal()
                    .because("one JVM may run several applications and many merchants")
                    .allowEmptyShould(true)
                    .check(module);
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .areAssignableTo(ThreadLocal.class)
                    .check(module);
        }
    }

    @Test
    void theTestSupportIsForTestsAndTheStarterNeverSeesIt() {
        ArchRule rule = noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.wechatpay4j.testkit..")
                .because("the fake is for tests; the starter ships to production");
        rule.check(AUTOCONFIGURE);
    }
}
