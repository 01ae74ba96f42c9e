package io.github.wechatpay4j.it;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransport;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transport discovery on separate class paths, each in its own JVM: none, one, several, the system property naming a
 * present and a missing provider. The jars are the real artifacts with their real dependencies.
 */
class ClassPathDiscoveryTest {
    private static final Set<Path> BASE =
            jars(WechatPay.class, GsonJsonCodec.class, com.google.gson.Gson.class, DiscoveryProbe.class);
    private static final Set<Path> JDK = jars(JdkHttpTransport.class);
    private static final Set<Path> OKHTTP =
            jars(OkHttpTransport.class, okhttp3.OkHttpClient.class, okio.Buffer.class, kotlin.Unit.class);
    private static final Set<Path> APACHE = jars(
            ApacheHttpTransport.class,
            org.apache.hc.client5.http.impl.classic.HttpClients.class,
            org.apache.hc.core5.http.HttpHost.class,
            org.apache.hc.core5.http2.HttpVersionPolicy.class,
            org.slf4j.LoggerFactory.class);

    @Test
    void noTransportNamesTheArtifactsToAdd() throws Exception {
        String out = probe(null);
        assertTrue(
                out.startsWith("error=io.github.wechatpay4j.ConfigurationException: no HTTP transport found")
                        && out.contains("wechatpay-transport-jdk")
                        && out.contains("-okhttp")
                        && out.contains("-apache"),
                out);
    }

    @Test
    void aSingleTransportIsUsed() throws Exception {
        assertEquals("transport=jdk", probe(null, JDK));
        assertEquals("transport=okhttp", probe(null, OKHTTP));
        assertEquals("transport=apache", probe(null, APACHE));
    }

    @Test
    void severalTransportsTheDocumentedPriorityWins() throws Exception {
        assertEquals("transport=apache", probe(null, JDK, OKHTTP, APACHE), "apache 20 > okhttp 10 > jdk -100");
        assertEquals("transport=okhttp", probe(null, JDK, OKHTTP));
        assertEquals("transport=apache", probe(null, JDK, APACHE));
    }

    @Test
    void thePropertyChoosesAmongSeveral() throws Exception {
        assertEquals("transport=jdk", probe("jdk", JDK, OKHTTP, APACHE));
        assertEquals("transport=okhttp", probe("okhttp", JDK, OKHTTP, APACHE));
    }

    @Test
    void aPropertyNamingAMissingTransportIsAnError() throws Exception {
        String out = probe("apache", JDK, OKHTTP);
        assertTrue(
                out.startsWith("error=io.github.wechatpay4j.ConfigurationException: the system property"
                        + " wechatpay.transport=apache names no HTTP transport"),
                out);
        assertTrue(out.contains("found: jdk") || out.contains("jdk ("), out);
        assertTrue(out.contains("okhttp ("), out);
    }

    @SafeVarargs
    private static String probe(String property, Set<Path>... adapters) throws Exception {
        Set<Path> path = new LinkedHashSet<>(BASE);
        for (Set<Path> a : adapters) {
            path.addAll(a);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(
                File.pathSeparator, path.stream().map(Path::toString).toList()));
        if (property != null) {
            command.add("-Dwechatpay.transport=" + property);
        }
        command.add(DiscoveryProbe.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        String last = text.lines()
                .filter(l -> l.startsWith("transport=") || l.startsWith("error="))
                .reduce((a, b) -> b)
                .orElse("no result in:\n" + text);
        assertEquals(0, p.exitValue(), text);
        return last;
    }

    /** The jars (or class directories) holding {@code classes}. */
    static Set<Path> jars(Class<?>... classes) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                paths.add(Path.of(
                        c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot locate the jar of " + c, e);
            }
        }
        return paths;
    }
}
