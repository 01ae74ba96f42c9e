package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery and selection: one test per branch of the policy, on isolated class loaders. */
class ProvidersTest {
    static final Providers.Kind<HttpTransportProvider> KIND = new Providers.Kind<>(
            HttpTransportProvider.class,
            "HTTP transport",
            "wechatpay.transport",
            "wechatpay-transport-jdk",
            HttpTransportProvider::name,
            HttpTransportProvider::priority);

    /** A provider that creates nothing usable; discovery only looks at name and priority. */
    public abstract static class Base implements HttpTransportProvider {
        @Override
        public HttpTransport create(TransportOptions options) {
            return new HttpTransport() {
                @Override
                public HttpResponse send(HttpRequest request) throws IOException {
                    throw new IOException("not for sending");
                }

                @Override
                public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                    return CompletableFuture.failedFuture(new IOException("not for sending"));
                }
            };
        }
    }

    public static final class Jdkish extends Base {
        @Override
        public String name() {
            return "jdk";
        }

        @Override
        public int priority() {
            return -100;
        }
    }

    public static final class Alpha extends Base {
        @Override
        public String name() {
            return "alpha";
        }
    }

    public static final class Beta extends Base {
        @Override
        public String name() {
            return "beta";
        }
    }

    public static final class Broken extends Base {
        public Broken() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public String name() {
            return "broken";
        }
    }

    private static ClassLoader loader(Path dir, Class<?>... providers) throws IOException {
        return loader(
                dir, java.util.Arrays.stream(providers).map(Class::getName).toArray(String[]::new));
    }

    private static ClassLoader loader(Path dir, String... providerNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(HttpTransportProvider.class.getName()), String.join("\n", providerNames));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ProvidersTest.class.getClassLoader());
    }

    private static List<String> names(List<HttpTransportProvider> ps) {
        return ps.stream().map(HttpTransportProvider::name).toList();
    }

    @Test
    void noneFoundNamesTheArtifactsToAdd(@TempDir Path dir) throws Exception {
        List<HttpTransportProvider> found = Providers.load(HttpTransportProvider.class, loader(dir, new String[0]));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> Providers.select(KIND, found, null));
        assertTrue(e.getMessage().contains("wechatpay-transport-jdk"), e.getMessage());
    }

    @Test
    void theOnlyOneIsChosen(@TempDir Path dir) throws Exception {
        List<HttpTransportProvider> found = Providers.load(HttpTransportProvider.class, loader(dir, Jdkish.class));
        assertEquals("jdk", Providers.select(KIND, found, null).name());
    }

    @Test
    void severalByPriorityThenNameWithJdkLast(@TempDir Path dir) throws Exception {
        List<HttpTransportProvider> found =
                Providers.load(HttpTransportProvider.class, loader(dir, Jdkish.class, Beta.class, Alpha.class));
        assertEquals(List.of("jdk", "beta", "alpha"), names(found));
        assertEquals("alpha", Providers.select(KIND, found, null).name());
    }

    @Test
    void propertyByNameOrClassNameWins(@TempDir Path dir) throws Exception {
        List<HttpTransportProvider> found =
                Providers.load(HttpTransportProvider.class, loader(dir, Jdkish.class, Alpha.class));
        assertEquals("jdk", Providers.select(KIND, found, "JDK").name());
        assertEquals(
                "jdk", Providers.select(KIND, found, Jdkish.class.getName()).name());
        assertEquals("alpha", Providers.select(KIND, found, "  ").name(), "blank property is ignored");
    }

    @Test
    void propertyNamingAMissingProviderIsAnError(@TempDir Path dir) throws Exception {
        List<HttpTransportProvider> found = Providers.load(HttpTransportProvider.class, loader(dir, Alpha.class));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> Providers.select(KIND, found, "okhttp"));
        assertTrue(
                e.getMessage().contains("wechatpay.transport=okhttp")
                        && e.getMessage().contains("alpha"),
                e.getMessage());
    }

    @Test
    void brokenProvidersAreSkippedNotFatal(@TempDir Path dir) throws Exception {
        List<HttpTransportProvider> found = Providers.load(
                HttpTransportProvider.class,
                loader(dir, Broken.class.getName(), "com.example.DoesNotExist", Alpha.class.getName()));
        assertEquals(List.of("alpha"), names(found));
    }

    @Test
    void duplicatesAcrossLoadersCountOnce(@TempDir Path dir) throws Exception {
        ClassLoader l = loader(dir, Alpha.class, Alpha.class);
        assertEquals(List.of("alpha"), names(Providers.load(HttpTransportProvider.class, l)));
    }

    @Test
    void contextLoaderIsSearchedToo(@TempDir Path dir) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader(dir, Beta.class));
        try {
            assertEquals(List.of("beta"), names(Providers.load(HttpTransportProvider.class)));
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
