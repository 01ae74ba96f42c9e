package io.github.wechatpay4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.RsaSigner;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.internal.SensitiveFields;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.scheme.ApiV3Scheme;
import io.github.wechatpay4j.scheme.Scheme;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * The pipeline's stages wired as the client wires them, over an in-memory transport that answers from a script, with
 * real RSA keys made per test: the merchant's (to sign requests) and WeChat Pay's (to sign answers).
 */
final class StageFixtures {
    static final String MCHID = "1900000001";
    static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String KEY_ID = "PUB_KEY_ID_0119000000012024000000000000";
    static final String BASE = "https://api.mch.weixin.qq.com";
    static final String BACKUP = "https://api2.wechatpay.cn";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

    final KeyPair merchant = Fixtures.rsa();
    final KeyPair platform = Fixtures.rsa();
    final Verifier verifier = PlatformKeys.builder()
            .publicKey(KEY_ID, platform.getPublic())
            .clock(CLOCK)
            .build();
    final JsonCodec json = new TestJson();
    final ScriptedTransport transport = new ScriptedTransport();
    final NonceSource nonces = new NonceSource(() -> Protocol.nonce(new SecureRandom()));

    PrepareStage prepare() {
        return new PrepareStage(
                scheme(),
                json,
                new Digests(List.of()),
                new SensitiveFields(),
                verifier,
                io.github.wechatpay4j.crypto.CryptoSuite.rsa(),
                io.github.wechatpay4j.crypto.EncryptionKeyPolicy.PUBLIC_KEY,
                true,
                CLOCK,
                "wechatpay4j-test",
                nonces,
                RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO));
    }

    /** The APIv3 RSA scheme as the client makes it: the merchant's signer checked, the client's nonces. */
    Scheme scheme(Signer signer) {
        return new ApiV3Scheme(new Scheme.Parts(
                MCHID,
                SERIAL,
                CheckedSigner.of(signer),
                verifier,
                null,
                CLOCK,
                nonces::next,
                io.github.wechatpay4j.crypto.CryptoSuite.rsa()));
    }

    Scheme scheme() {
        return scheme(new RsaSigner(merchant.getPrivate()));
    }

    SignStage sign() {
        return new SignStage(scheme());
    }

    ErrorDecoder errors() {
        return new ErrorDecoder(scheme(), CLOCK, Protocol.DEFAULT_WINDOW, json);
    }

    VerifyStage verify() {
        return new VerifyStage(scheme(), CLOCK, Protocol.DEFAULT_WINDOW, json, errors());
    }

    ExchangeStage exchange(String backup) {
        return new ExchangeStage(
                transport,
                sign(),
                verify(),
                new Hosts(BASE, java.util.Map.of()),
                BASE,
                backup,
                ForkJoinPool.commonPool());
    }

    /** A 2xx or error answer signed by the platform key, as WeChat Pay signs it. */
    HttpResponse signed(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(CLOCK.instant().getEpochSecond());
        String nonce = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
        String signature = Fixtures.sign(platform.getPrivate(), Protocol.responseMessage(timestamp, nonce, bytes));
        return new HttpResponse(
                status,
                Headers.of(
                        "Request-ID",
                        "REQ-" + status,
                        Protocol.HEADER_SERIAL,
                        KEY_ID,
                        Protocol.HEADER_TIMESTAMP,
                        timestamp,
                        Protocol.HEADER_NONCE,
                        nonce,
                        Protocol.HEADER_SIGNATURE,
                        signature,
                        "Content-Type",
                        "application/json"),
                bytes);
    }

    /** An answer without WeChat Pay's signature headers. */
    static HttpResponse unsigned(int status, String body) {
        return new HttpResponse(
                status, Headers.of("Request-ID", "REQ-" + status), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers each request with the next scripted answer or failure, and keeps the requests. */
    static final class ScriptedTransport implements HttpTransport {
        final List<HttpRequest> requests = new ArrayList<>();
        private final Deque<Object> script = new ArrayDeque<>();

        ScriptedTransport then(HttpResponse response) {
            script.add(response);
            return this;
        }

        ScriptedTransport then(IOException failure) {
            script.add(failure);
            return this;
        }

        @Override
        public synchronized HttpResponse send(HttpRequest request) throws IOException {
            requests.add(request);
            Object next = script.poll();
            if (next == null) {
                throw new IllegalStateException("no scripted answer left for " + request.uri());
            }
            if (next instanceof IOException e) {
                throw e;
            }
            return (HttpResponse) next;
        }

        @Override
        public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
            try {
                return CompletableFuture.completedFuture(send(request));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** Jackson (a test dependency of core) behind the JSON port, as the adapters put it. */
    static final class TestJson implements JsonCodec {
        private final ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

        @Override
        public byte[] write(Object value) {
            try {
                return mapper.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new JsonCodecException("cannot write: " + e.getMessage(), e);
            }
        }

        @Override
        public <T> T read(byte[] json, Type type) {
            try {
                return mapper.readValue(json, mapper.constructType(type));
            } catch (IOException e) {
                throw new JsonCodecException("cannot read: " + e.getMessage(), e);
            }
        }
    }
}
