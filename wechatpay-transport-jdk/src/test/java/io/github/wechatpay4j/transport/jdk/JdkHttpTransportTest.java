package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.contract.RawHttpServer;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpTransportProvider;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What only the JDK adapter has; everything shared is in {@link JdkHttpTransportContractTest}. */
class JdkHttpTransportTest {

    @Test
    void aUserSuppliedClientIsUsedAndLeftOpen() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            server.on("/echo", (req, ex) -> ex.respond(201, req.body()));
            HttpClient mine =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            JdkHttpTransport custom = new JdkHttpTransport(mine, Duration.ofSeconds(5));
            assertEquals(
                    201,
                    custom.send(new HttpRequest(
                                    "POST", server.uri("/echo"), null, "x".getBytes(StandardCharsets.UTF_8)))
                            .statusCode());
            custom.close();
            JdkHttpTransport again = new JdkHttpTransport(mine, null);
            assertEquals(
                    201,
                    again.send(new HttpRequest("GET", server.uri("/echo"), null, null))
                            .statusCode(),
                    "closing the transport left the user's client usable");
        }
    }

    @Test
    void badArgumentsAreConfigurationErrors() {
        assertThrows(ConfigurationException.class, () -> new JdkHttpTransport(null, Duration.ofSeconds(1)));
        assertThrows(
                ConfigurationException.class, () -> new JdkHttpTransport(HttpClient.newHttpClient(), Duration.ZERO));
        assertThrows(ConfigurationException.class, () -> new JdkHttpTransport(null));
    }

    @Test
    void providerIsDiscoverableAndLastInPriority() {
        JdkHttpTransportProvider p = ServiceLoader.load(HttpTransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(JdkHttpTransportProvider.class::isInstance)
                .map(JdkHttpTransportProvider.class::cast)
                .findFirst()
                .orElseThrow();
        assertEquals("jdk", p.name());
        assertEquals(-100, p.priority());
    }
}
