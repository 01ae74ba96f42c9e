package io.github.wechatpay4j.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.sm.ShangMiDigestProvider;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.json.jackson3.Jackson3JsonCodec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransport;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dependency rules between modules, checked on the compiled classes of each module's own jar/directory. */
class ArchitectureTest {
    private static final String[] CORE_PACKAGES = {
        "io.github.wechatpay4j",
        "io.github.wechatpay4j.crypto",
        "io.github.wechatpay4j.download",
        "io.github.wechatpay4j.frontend",
        "io.github.wechatpay4j.http",
        "io.github.wechatpay4j.json",
        "io.github.wechatpay4j.notification",
        "io.github.wechatpay4j.observe",
        "io.github.wechatpay4j.scheme",
        "io.github.wechatpay4j.internal.."
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
    private static final JavaClasses JACKSON3 = classesOf(Jackson3JsonCodec.class);
    /** The typed API: the aggregate, the base and every family artifact. */
    private static final JavaClasses API = new ClassFileImporter().importPackages("io.github.wechatpay4j.api");

    private static final JavaClasses TESTKIT = classesOf(FakeWechatPay.class);
    private static final JavaClasses SHANGMI = classesOf(ShangMiDigestProvider.class);
    private static final JavaClasses V2 = classesOf(io.github.wechatpay4j.v2.ApiV2Xml.class);

    @Test
    void coreDependsOnTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        concat(CORE_PACKAGES, "java..", "javax.crypto..", "javax.net..", "javax.security.."))
                .because("wechatpay-core is java.base only")
                .check(CORE);
    }

    @Test
    void coreSeesNoAdapter() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.transport..",
                        "io.github.wechatpay4j.json.jackson..",
                        "io.github.wechatpay4j.json.gson..",
                        "io.github.wechatpay4j.testkit..",
                        "io.github.wechatpay4j.api..")
                .check(CORE);
    }

    @Test
    void transportsNeverSeeJson() {
        for (JavaClasses transport : TRANSPORTS) {
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.github.wechatpay4j.json..", "com.fasterxml..", "com.google.gson..")
                    .check(transport);
        }
    }

    @Test
    void transportsAreApartFromEachOther() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.transport.okhttp..",
                        "io.github.wechatpay4j.transport.apache..",
                        "okhttp3..",
                        "okio..",
                        "kotlin..",
                        "org.apache.hc..")
                .check(JDK);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.transport.jdk..",
                        "io.github.wechatpay4j.transport.apache..",
                        "org.apache.hc..",
                        "java.net.http..")
                .check(OKHTTP);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.transport.jdk..",
                        "io.github.wechatpay4j.transport.okhttp..",
                        "okhttp3..",
                        "okio..",
                        "java.net.http..")
                .check(APACHE);
    }

    @Test
    void eachTransportLivesInItsOwnPackage() {
        classes()
                .should()
                .resideInAPackage("io.github.wechatpay4j.transport.jdk..")
                .check(JDK);
        classes()
                .should()
                .resideInAPackage("io.github.wechatpay4j.transport.okhttp..")
                .check(OKHTTP);
        classes()
                .should()
                .resideInAPackage("io.github.wechatpay4j.transport.apache..")
                .check(APACHE);
    }

    @Test
    void jsonAdaptersNeverSeeTransportsOrEachOther() {
        ArchRule notTransport = noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.http..", "io.github.wechatpay4j.transport..", "java.net.http..");
        notTransport.check(JACKSON);
        notTransport.check(GSON);
        notTransport.check(JACKSON3);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.json.gson..",
                        "com.google.gson..",
                        "io.github.wechatpay4j.json.jackson3..",
                        "tools.jackson..")
                .check(JACKSON);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.json.jackson..",
                        "io.github.wechatpay4j.json.jackson3..",
                        "com.fasterxml..",
                        "tools.jackson..")
                .check(GSON);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.wechatpay4j.json.jackson..",
                        "io.github.wechatpay4j.json.gson..",
                        "com.google.gson..",
                        "com.fasterxml.jackson.databind..",
                        "com.fasterxml.jackson.core..")
                .because("Jackson 3 shares only the annotations (com.fasterxml.jackson.annotation) with Jackson 2")
                .check(JACKSON3);
    }

    @Test
    void adaptersAndApiUseOnlyCoresPublicApi() {
        ArchRule rule = noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.wechatpay4j.internal..")
                .because("core's internal package is not exported");
        for (JavaClasses transport : TRANSPORTS) {
            rule.check(transport);
        }
        rule.check(JACKSON);
        rule.check(GSON);
        rule.check(JACKSON3);
        rule.check(API);
        rule.check(TESTKIT);
        rule.check(SHANGMI);
    }

    @Test
    void apiV2NeedsCoreAndTheJdksXmlOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(concat(
                        CORE_PACKAGES,
                        "io.github.wechatpay4j.v2..",
                        "java..",
                        "javax.crypto..",
                        "javax.net.ssl..",
                        "javax.xml.."))
                .because("APIv2 is core plus java.xml: no XML library, no provider")
                .check(V2);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.wechatpay4j.internal..")
                .check(V2);
    }

    @Test
    void bouncyCastleOnlyInTheShangMiModuleAndTheTestkit() {
        for (JavaClasses module : new JavaClasses[] {CORE, JDK, OKHTTP, APACHE, JACKSON, GSON, JACKSON3, API, V2}) {
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.bouncycastle..")
                    .because("banks approve Bouncy Castle module by module: only wechatpay-crypto-sm needs it")
                    .check(module);
        }
    }

    @Test
    void shangMiUsesBouncyCastlesLightweightApiAndRegistersNoProvider() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(concat(
                        CORE_PACKAGES,
                        "java..",
                        "io.github.wechatpay4j.crypto.sm..",
                        "org.bouncycastle.crypto..",
                        "org.bouncycastle.asn1..",
                        "org.bouncycastle.math..",
                        "org.bouncycastle.util.."))
                .because("a JCA provider (org.bouncycastle.jce..) would be global state shared by every merchant")
                .check(SHANGMI);
        noClasses()
                .should()
                .callMethod(java.security.Security.class, "addProvider", java.security.Provider.class)
                .check(SHANGMI);
    }

    /**
     * Whether a call may be sent again depends on how the transport failed; the transport port says how adapters
     * report that (exception types), so core must never guess from a library's class names or messages.
     */
    @Test
    void coreMatchesNoLibrarysClassNames() throws Exception {
        Pattern byName = Pattern.compile(
                "get(Simple|Canonical|Type)?Name\\(\\)\\s*\\.\\s*(contains|equals|equalsIgnoreCase|startsWith|endsWith|matches)\\(");
        // a library's package, or a class-like name such as "HttpHostConnectException" or "ConnectTimeout"
        Pattern library =
                Pattern.compile("\"((okhttp3|okio|org\\.apache|kotlin)[.\"]|[A-Z][A-Za-z]*(Exception|Timeout)\")");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../../wechatpay-core/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                if (byName.matcher(source).find() || library.matcher(source).find()) {
                    found.add(f.getFileName().toString());
                }
            }
        }
        assertTrue(found.size() == 0, "core classifies by class name or names a library: " + found);
        noClasses()
                .that()
                .resideInAPackage("io.github.wechatpay4j..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("okhttp3..", "org.apache..", "com.fasterxml..", "com.google.gson..")
                .check(CORE);
    }

    @Test
    void theStagesOfACallDoNotCallBackIntoTheClient() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Stage")
                .or()
                .haveSimpleName("ErrorDecoder")
                .or()
                .haveSimpleName("TransportFailures")
                .or()
                .haveSimpleName("Retries")
                .or()
                .haveSimpleName("Prepared")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(WechatPay.class.getName())
                .because("WechatPay wires the stages of a call (prepare, sign, exchange, verify) and a call goes"
                        + " through them in one direction; a stage reaching back into the facade is the tangle"
                        + " the pipeline replaced")
                .check(CORE);
        classes()
                .that()
                .haveSimpleNameEndingWith("Stage")
                .should()
                .notBePublic()
                .check(CORE);
    }

    /**
     * Signing, answer verification and the notification cipher sit behind {@code scheme.Scheme}: the stages and the
     * notification parser see the interface only, so that a ShangMi or APIv2 scheme needs no change to them.
     */
    @Test
    void theStagesKnowTheSchemeNotItsCryptography() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Stage")
                .or()
                .haveSimpleName("ErrorDecoder")
                .or()
                .haveFullyQualifiedName("io.github.wechatpay4j.notification.Notifications")
                .or()
                .haveFullyQualifiedName("io.github.wechatpay4j.download.Download")
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "a signing, verifying or decrypting method",
                        call -> List.of(
                                        "io.github.wechatpay4j.crypto.Signer.sign",
                                        "io.github.wechatpay4j.crypto.Verifier.verify",
                                        "io.github.wechatpay4j.crypto.ApiV3Key.decrypt",
                                        "io.github.wechatpay4j.crypto.ResourceCipher.decrypt",
                                        "io.github.wechatpay4j.crypto.CryptoSuite.verify",
                                        "io.github.wechatpay4j.internal.Protocol.verify",
                                        "io.github.wechatpay4j.internal.Protocol.requestMessage",
                                        "io.github.wechatpay4j.internal.Protocol.authorization",
                                        "io.github.wechatpay4j.internal.Protocol.hasSignatureHeaders")
                                .contains(call.getTargetOwner().getFullName() + "." + call.getName())))
                .because("a new scheme is a new implementation of Scheme in its own module, not an edit to the stages")
                .check(CORE);
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Stage")
                .or()
                .haveSimpleName("ErrorDecoder")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.github.wechatpay4j.scheme.ApiV3Scheme")
                .because("the stages are given the client's scheme; only the builder's default names APIv3")
                .check(CORE);
    }

    @Test
    void eachFamilyArtifactDependsOnCoreTheBaseAndItselfOnly() throws Exception {
        JsonNode families = new ObjectMapper()
                .readTree(Path.of("../../wechatpay-api/src/main/spec/families.json")
                        .toFile())
                .get("families");
        assertTrue(families.size() > 1, "families.json names the families");
        for (JsonNode family : families) {
            String name = family.get("name").asText();
            Class<?> entry = Class.forName("io.github.wechatpay4j.api." + name + "."
                    + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Api");
            String jar =
                    entry.getProtectionDomain().getCodeSource().getLocation().toString();
            JavaClasses own = API.that(DescribedPredicate.describe(
                    "in " + jar,
                    c -> c.getSource()
                            .map(source -> source.getUri().toString().contains(jar))
                            .orElse(false)));
            assertTrue(own.contain(entry), name + "'s classes come from " + jar);
            List<String> allowed = new ArrayList<>(List.of(concat(
                    CORE_PACKAGES, "java..", "io.github.wechatpay4j.api.internal", "io.github.wechatpay4j.api.model")));
            own.forEach(c -> allowed.add(c.getPackageName()));
            classes()
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(allowed.toArray(String[]::new))
                    .because("a service installs only the families it uses: " + name + " must not need another")
                    .check(own);
        }
    }

    @Test
    void apiDependsOnCoreOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(concat(CORE_PACKAGES, "java..", "io.github.wechatpay4j.api.."))
                .check(API);
    }

    @Test
    void noStaticMutableStateNoThreadLocalsNoConsoleOutput() {
        for (JavaClasses module : new JavaClasses[] {CORE, JDK, OKHTTP, APACHE, JACKSON, GSON, API, SHANGMI, V2}) {
            fields().that()
                    .areStatic()
                    .should()
                    .beFinal()
                    .because("clients are immutable; many merchants share one JVM")
                    .allowEmptyShould(true)
                    .check(module);
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .areAssignableTo(ThreadLocal.class)
                    .check(module);
            noClasses()
                    .should()
                    .accessField(System.class, "out")
                    .orShould()
                    .accessField(System.class, "err")
                    .orShould()
                    .callMethod(Throwable.class, "printStackTrace")
                    .because("library code logs through System.Logger")
                    .check(module);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
