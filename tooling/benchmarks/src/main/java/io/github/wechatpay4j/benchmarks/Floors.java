package io.github.wechatpay4j.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.wechatpay4j.testkit.TestKeys;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The floors, no SDK: what any correct client must do at least for the query, by hand, on each HTTP library our
 * transports use. SHA256withRSA with a per-call {@link Signature}, the library's plainest blocking call, the answer's
 * timestamp, serial and signature checked, Jackson binding into the same record as ours.
 */
final class Floors {
    private final TestKeys keys;
    private final String target;
    private final URI uri;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final SecureRandom random = new SecureRandom();

    /** What an HTTP library answered: the body and a header reader. */
    record Answer(byte[] body, Function<String, String> header) {}

    Floors(TestKeys keys, String baseUrl, String target) {
        this.keys = keys;
        this.target = target;
        this.uri = URI.create(baseUrl + target);
    }

    /** One query on {@code http}: signed, sent with its {@code Authorization}, verified and bound. */
    Payloads.Transaction call(Http http) throws IOException, InterruptedException, GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        Answer answer = http.get(uri, authorization(keys, random, target, now));
        String timestamp = answer.header().apply("Wechatpay-Timestamp");
        if (Math.abs(now - Long.parseLong(timestamp)) > 300
                || !keys.publicKeyId().equals(answer.header().apply("Wechatpay-Serial"))) {
            throw new IllegalStateException("stale or unknown serial");
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.platformKeys().getPublic());
        verifier.update(
                (timestamp + "\n" + answer.header().apply("Wechatpay-Nonce") + "\n").getBytes(StandardCharsets.UTF_8));
        verifier.update(answer.body());
        verifier.update((byte) '\n');
        if (!verifier.verify(Base64.getDecoder().decode(answer.header().apply("Wechatpay-Signature")))) {
            throw new IllegalStateException("bad signature");
        }
        return mapper.readValue(answer.body(), Payloads.Transaction.class);
    }

    /** The {@code Authorization} of a GET of {@code target} (path and query), signed by hand at {@code now}. */
    static String authorization(TestKeys keys, SecureRandom random, String target, long now)
            throws GeneralSecurityException {
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().withUpperCase().formatHex(nonceBytes);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.merchantKeys().getPrivate());
        signer.update(("GET\n" + target + "\n" + now + "\n" + nonce + "\n\n").getBytes(StandardCharsets.UTF_8));
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + keys.mchid() + "\",nonce_str=\"" + nonce + "\",timestamp=\""
                + now + "\",serial_no=\"" + keys.merchantSerial() + "\",signature=\""
                + Base64.getEncoder().encodeToString(signer.sign()) + "\"";
    }

    /** One HTTP library's blocking GET with an {@code Authorization} header. */
    interface Http extends AutoCloseable {
        Answer get(URI uri, String authorization) throws IOException, InterruptedException;

        @Override
        default void close() throws IOException {}
    }

    /** Raw {@code java.net.http}, HTTP/1.1. */
    static Http jdk() {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return (uri, authorization) -> {
            HttpResponse<byte[]> r = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", authorization)
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.body(), name -> r.headers().firstValue(name).orElseThrow());
        };
    }

    /** Raw OkHttp. */
    static Http okhttp() {
        OkHttpClient client = new OkHttpClient();
        return new Http() {
            @Override
            public Answer get(URI uri, String authorization) throws IOException {
                Request request = new Request.Builder()
                        .url(uri.toString())
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .build();
                try (okhttp3.Response r = client.newCall(request).execute()) {
                    byte[] body = r.body().bytes();
                    okhttp3.Headers headers = r.headers();
                    return new Answer(body, headers::get);
                }
            }

            @Override
            public void close() {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        };
    }

    /** Raw Apache HttpClient 5, classic (blocking) API, pooled connections. */
    static Http apache() {
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(64)
                        .setMaxConnTotal(64)
                        .build())
                .disableRedirectHandling()
                .build();
        return new Http() {
            @Override
            public Answer get(URI uri, String authorization) throws IOException {
                HttpGet get = new HttpGet(uri);
                get.setHeader("Authorization", authorization);
                get.setHeader("Accept", "application/json");
                return client.execute(get, r -> {
                    byte[] body = EntityUtils.toByteArray(r.getEntity());
                    return new Answer(body, name -> r.getFirstHeader(name).getValue());
                });
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }
}
