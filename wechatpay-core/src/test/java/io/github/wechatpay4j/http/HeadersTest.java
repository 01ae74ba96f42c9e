package io.github.wechatpay4j.http;

import io.github.wechatpay4j.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadersTest {
    @Test
    void caseInsensitiveMultiValuedAndOrdered() {
        Headers h = Headers.builder()
                .add("Wechatpay-Nonce", "a")
                .add("content-type", "json")
                .add("WECHATPAY-NONCE", "b")
                .build();
        assertEquals(List.of("a", "b"), h.all("wechatpay-nonce"));
        assertEquals("a", h.first("WeChatPay-Nonce").orElseThrow());
        assertEquals(List.of("Wechatpay-Nonce", "content-type"), h.names());
        assertTrue(h.first("missing").isEmpty());
        assertEquals(List.of(), h.all(null));
        assertEquals(h, Headers.of("WECHATPAY-nonce", "a", "Wechatpay-Nonce", "b", "Content-Type", "json"));
        assertEquals(
                h.hashCode(),
                Headers.of("WECHATPAY-nonce", "a", "Wechatpay-Nonce", "b", "Content-Type", "json")
                        .hashCode());
    }

    @Test
    void immutable() {
        Headers h = Headers.of("A", "1");
        Headers h2 = h.with("a", "2").with("B", "3");
        assertEquals("1", h.first("A").orElseThrow());
        assertEquals("2", h2.first("A").orElseThrow());
        assertEquals(1, h.size());
        assertThrows(UnsupportedOperationException.class, () -> h.all("A").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> h.toMap().put("x", List.of()));
        assertEquals(Headers.of("B", "3"), h2.without("A"));
        assertEquals(Headers.of("A", "9", "B", "3"), h2.withAll(Headers.of("a", "9")));
        assertEquals(h, Headers.of(Map.of("A", List.of("1"))));
    }

    @Test
    void refusesHeaderInjection() {
        assertThrows(InvalidRequestException.class, () -> Headers.of("X-Test", "a\r\nAuthorization: evil"));
        assertThrows(InvalidRequestException.class, () -> Headers.of("X Test", "a"));
        assertThrows(InvalidRequestException.class, () -> Headers.of("", "a"));
        assertThrows(InvalidRequestException.class, () -> Headers.of("A", null));
        assertThrows(InvalidRequestException.class, () -> Headers.of("A"));
    }

    @Test
    void toStringRedactsCredentials() {
        Headers h = Headers.of("Authorization", "WECHATPAY2-SHA256-RSA2048 signature=\"secret\"", "Accept", "json");
        assertFalse(h.toString().contains("secret"), h.toString());
        assertTrue(h.toString().contains("Accept=json"));
        HttpRequest request = new HttpRequest(
                "post", URI.create("https://example.com/v3/x"), h, "{}".getBytes(StandardCharsets.UTF_8));
        assertFalse(request.toString().contains("secret"));
        assertEquals("POST", request.method());
    }

    @Test
    void connectionManagedHeadersAreKnownWhateverTheirCase() {
        for (String name : new String[] {
            "Host",
            "content-length",
            "Transfer-Encoding",
            "CONNECTION",
            "Keep-Alive",
            "TE",
            "Trailer",
            "Upgrade",
            "Expect",
            "Proxy-Connection"
        }) {
            org.junit.jupiter.api.Assertions.assertTrue(Headers.isConnectionManaged(name), name);
        }
        for (String name : new String[] {"Authorization", "Content-Type", "Accept", "Wechatpay-Serial", "", null}) {
            org.junit.jupiter.api.Assertions.assertFalse(Headers.isConnectionManaged(name), String.valueOf(name));
        }
    }
}
