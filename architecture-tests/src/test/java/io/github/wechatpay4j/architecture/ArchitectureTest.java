package io.github.wechatpay4j.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.shangmi.ShangMiDigestProvider;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransport;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rules between modules, checked on the compiled classes of each module's own jar/directory. */
class ArchitectureTest {
    private static final String[] CORE_PACKAGES = {
        "io.github.wechatpay4j", "io.github.wechatpay4j.crypto", "io.github.wechatpay4j.http",
        "io.github.wechatpay4j.json", "io.github.wechatpay4j.notification", "io.github.wechatpay4j.internal.."
    };

    private static JavaClasses classesOf(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        return new ClassFileImporter().importUrl(location);
    }

    private static final JavaClasses CORE = classesOf(WechatPay.class);
    private static final JavaClasses JDK = classesOf(JdkHttpTransport.class);
    private static final JavaClasses OKHTTP = classesOf(OkHttpTransport.class);
    private static final JavaClasses APACHE = classesOf(ApacheHttpTransport.class);
    private static final JavaClasses[] TRANSPORTS = {JDK, OKHTTP, APACHE};
    private static final JavaClasses JACKSON = classesOf(JacksonJsonCodec.class);
    private static final JavaClasses GSON = classesOf(GsonJsonCodec.class);
    private static final JavaClasses API = classesOf(WechatPayApi.class);
    private static final JavaClasses TESTKIT = classesOf(FakeWechatPay.class);
    private static final JavaClasses SHANGMI = classesOf(ShangMiDigestProvider.class);

    @Test
    void coreDependsOnTheJdkOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(concat(CORE_PACKAGES,
                "java..", "javax.crypto..", "javax.net..", "javax.security.."))
                .because("wechatpay-core is java.base only")
                .check(CORE);
    }

    @Test
    void coreSeesNoAdapter() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.transport..",
                "io.github.wechatpay4j.json.jackson..", "io.github.wechatpay4j.json.gson..",
                "io.github.wechatpay4j.testkit..", "io.github.wechatpay4j.api..").check(CORE);
    }

    @Test
    void transportsNeverSeeJson() {
        for (JavaClasses transport : TRANSPORTS) {
            noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.json..",
                    "com.fasterxml..", "com.google.gson..").check(transport);
        }
    }

    @Test
    void transportsAreApartFromEachOther() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.transport.okhttp..",
                "io.github.wechatpay4j.transport.apache..", "okhttp3..", "okio..", "kotlin..", "org.apache.hc..")
                .check(JDK);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.transport.jdk..",
                "io.github.wechatpay4j.transport.apache..", "org.apache.hc..", "java.net.http..").check(OKHTTP);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.transport.jdk..",
                "io.github.wechatpay4j.transport.okhttp..", "okhttp3..", "okio..", "java.net.http..").check(APACHE);
    }

    @Test
    void eachTransportLivesInItsOwnPackage() {
        classes().should().resideInAPackage("io.github.wechatpay4j.transport.jdk..").check(JDK);
        classes().should().resideInAPackage("io.github.wechatpay4j.transport.okhttp..").check(OKHTTP);
        classes().should().resideInAPackage("io.github.wechatpay4j.transport.apache..").check(APACHE);
    }

    @Test
    void jsonAdaptersNeverSeeTransportsOrEachOther() {
        ArchRule notTransport = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.github.wechatpay4j.http..", "io.github.wechatpay4j.transport..", "java.net.http..");
        notTransport.check(JACKSON);
        notTransport.check(GSON);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.json.gson..",
                "com.google.gson..").check(JACKSON);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.wechatpay4j.json.jackson..",
                "com.fasterxml..").check(GSON);
    }

    @Test
    void adaptersAndApiUseOnlyCoresPublicApi() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("io.github.wechatpay4j.internal..")
                .because("core's internal package is not exported");
        for (JavaClasses transport : TRANSPORTS) {
            rule.check(transport);
        }
        rule.check(JACKSON);
        rule.check(GSON);
        rule.check(API);
        rule.check(TESTKIT);
        rule.check(SHANGMI);
    }

    @Test
    void shangMiUsesBouncyCastlesLightweightApiAndRegistersNoProvider() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(concat(CORE_PACKAGES, "java..",
                "io.github.wechatpay4j.shangmi..", "org.bouncycastle.crypto.."))
                .because("a JCA provider (org.bouncycastle.jce..) would be global state shared by every merchant")
                .check(SHANGMI);
        noClasses().should().callMethod(java.security.Security.class, "addProvider", java.security.Provider.class)
                .check(SHANGMI);
    }

    @Test
    void apiDependsOnCoreOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(concat(CORE_PACKAGES, "java..",
                "io.github.wechatpay4j.api..")).check(API);
    }

    @Test
    void noStaticMutableStateNoThreadLocalsNoConsoleOutput() {
        for (JavaClasses module : new JavaClasses[] {CORE, JDK, OKHTTP, APACHE, JACKSON, GSON, API, SHANGMI}) {
            fields().that().areStatic().should().beFinal()
                    .because("clients are immutable; many merchants share one JVM").allowEmptyShould(true)
                    .check(module);
            noClasses().should().dependOnClassesThat().areAssignableTo(ThreadLocal.class).check(module);
            noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                    .orShould().callMethod(Throwable.class, "printStackTrace")
                    .because("library code logs through System.Logger").check(module);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
