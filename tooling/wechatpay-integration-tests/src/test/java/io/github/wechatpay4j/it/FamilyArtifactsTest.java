package io.github.wechatpay4j.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.internal.Route;
import io.github.wechatpay4j.api.payments.PaymentsApi;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A payments-only service: in its own JVM, with {@code wechatpay-api-payments} and {@code wechatpay-api-base} as the
 * only typed-API jars (no aggregate, no other family), a JSAPI order and its query go through {@code PaymentsApi}.
 */
class FamilyArtifactsTest {

    @Test
    void aPaymentsOnlyClassPathPlacesAndQueriesAnOrder() throws Exception {
        Set<Path> path = jars(
                WechatPay.class,
                Route.class,
                PaymentsApi.class,
                JdkHttpTransport.class,
                JacksonJsonCodec.class,
                ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class,
                FakeWechatPay.class,
                org.bouncycastle.cert.X509v3CertificateBuilder.class,
                org.bouncycastle.jce.provider.BouncyCastleProvider.class,
                org.bouncycastle.asn1.cms.ContentInfo.class,
                PaymentsOnlyProbe.class);
        List<String> others = new ArrayList<>(List.of(WechatPayApi.class.getName()));
        TypedApiArtifacts.entryPoints().forEach((name, entry) -> {
            if (!name.equals("payments")) {
                others.add(entry);
            }
        });
        for (String other : others) {
            path.removeAll(jars(Class.forName(other)));
        }
        String out = run(path, others);
        for (String other : others) {
            assertTrue(out.contains("absent=" + other), other + " is on the payments-only class path:\n" + out);
        }
        assertTrue(out.contains("prepay=true"), out);
        assertTrue(out.contains("state=NOTPAY"), out);
        assertTrue(out.contains("total=100"), out);
    }

    private static String run(Set<Path> path, List<String> absent) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(
                        File.pathSeparator, path.stream().map(Path::toString).toList()),
                PaymentsOnlyProbe.class.getName()));
        command.addAll(absent);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static Set<Path> jars(Class<?>... classes) {
        return ClassPathDiscoveryTest.jars(classes);
    }
}
