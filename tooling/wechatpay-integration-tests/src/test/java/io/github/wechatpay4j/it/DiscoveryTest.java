package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery with the real adapters on the class path (jdk, okhttp and apache transports; Jackson and Gson codecs):
 * priority, the system properties, explicit instances, and an empty class path. {@link ClassPathDiscoveryTest} runs
 * the same choices in child JVMs on other class paths.
 */
@ResourceLock("system-properties")
class DiscoveryTest extends FakeServerTestBase {

    @Test
    void severalAdaptersFoundTheHighestPriorityWins() {
        server.on("GET", "/v3/ping", FakeResponse.ok("{}"));
        WechatPay client = track(server.clientBuilder().build());
        assertTrue(
                client.toString().contains("transport=apache")
                        && client.toString().contains("json=jackson"),
                client.toString());
        assertEquals(200, client.chain("v3/ping").get().statusCode());
    }

    @Test
    void systemPropertyChoosesTheCodec() {
        String before = System.getProperty("wechatpay.json");
        System.setProperty("wechatpay.json", "gson");
        try {
            assertTrue(track(server.clientBuilder().build()).toString().contains("json=gson"));
            System.setProperty("wechatpay.json", "io.github.wechatpay4j.json.jackson.JacksonJsonCodecProvider");
            assertTrue(track(server.clientBuilder().build()).toString().contains("json=jackson"));
            System.setProperty("wechatpay.json", "fastjson");
            ConfigurationException e = assertThrows(
                    ConfigurationException.class, () -> server.clientBuilder().build());
            assertTrue(
                    e.getMessage().contains("wechatpay.json=fastjson")
                            && e.getMessage().contains("gson"),
                    e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("wechatpay.json");
            } else {
                System.setProperty("wechatpay.json", before);
            }
        }
    }

    @Test
    void systemPropertyChoosesTheTransport() {
        String before = System.getProperty("wechatpay.transport");
        try {
            for (String name : new String[] {"jdk", "okhttp", "apache"}) {
                System.setProperty("wechatpay.transport", name);
                WechatPay client = track(server.clientBuilder().build());
                assertTrue(client.toString().contains("transport=" + name), client.toString());
            }
            System.setProperty("wechatpay.transport", "io.github.wechatpay4j.transport.okhttp.OkHttpTransportProvider");
            assertTrue(track(server.clientBuilder().build()).toString().contains("transport=okhttp"));
        } finally {
            if (before == null) {
                System.clearProperty("wechatpay.transport");
            } else {
                System.setProperty("wechatpay.transport", before);
            }
        }
    }

    @Test
    void explicitInstancesWinAndUserTransportsStayOpen() {
        server.on("GET", "/v3/ping", FakeResponse.ok("{}"));
        JdkHttpTransport mine = new JdkHttpTransport(TransportOptions.defaults());
        WechatPay client = server.clientBuilder()
                .transport(mine)
                .jsonCodec(new GsonJsonCodec())
                .build();
        assertTrue(client.toString().contains("JdkHttpTransport")
                && client.toString().contains("GsonJsonCodec"));
        client.close();
        // the transport was ours to keep: it still works after the client is closed
        WechatPay again = track(server.clientBuilder()
                .transport(mine)
                .jsonCodec(new GsonJsonCodec())
                .build());
        assertEquals(200, again.chain("v3/ping").get().statusCode());
    }

    @Test
    void noAdaptersVisibleNamesWhatToAdd() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> server.clientBuilder().discoveryClassLoader(empty).build());
            assertTrue(e.getMessage().contains("wechatpay-json-jackson"), e.getMessage());
            ConfigurationException t = assertThrows(
                    ConfigurationException.class,
                    () -> server.clientBuilder()
                            .discoveryClassLoader(empty)
                            .jsonCodec(new GsonJsonCodec())
                            .build());
            assertTrue(t.getMessage().contains("wechatpay-transport-jdk"), t.getMessage());
        }
    }
}
