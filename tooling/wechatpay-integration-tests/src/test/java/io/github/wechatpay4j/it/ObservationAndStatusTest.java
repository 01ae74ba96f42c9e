package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ClientStatus;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.observe.Call;
import io.github.wechatpay4j.observe.CallEnd;
import io.github.wechatpay4j.observe.CallEnd.Outcome;
import io.github.wechatpay4j.observe.CallObserver;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a {@link CallObserver} is told about real calls to the fake (one start and one end per call, the path
 * template rather than the IDs, the outcome the caller got), and what {@link WechatPay#status()} reports about keys
 * and the certificate download.
 */
class ObservationAndStatusTest extends FakeServerTestBase {

    /** Every start and end, in order, as one line each. */
    private static final class Recorder implements CallObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<CallEnd> ends = new CopyOnWriteArrayList<>();
        /** The same ends as they happen: an asynchronous call's end may come just after its future completed. */
        final java.util.concurrent.BlockingQueue<CallEnd> arriving = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public Ending start(Call call) {
            events.add("start " + call.method() + " " + call.operation());
            return ended -> {
                ends.add(ended);
                arriving.add(ended);
                events.add("end " + call.operation() + " " + ended.outcome() + " " + ended.statusCode());
            };
        }
    }

    private final Recorder recorder = new Recorder();

    private WechatPay observed(RetryPolicy policy) {
        return track(server.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .retryPolicy(policy)
                .callObserver(recorder)
                .build());
    }

    private static Options order(String no) {
        return Options.path("no", no).withQuery("mchid", keys.mchid());
    }

    private void prepay(WechatPay client, String no) {
        client.chain("v3/pay/transactions/native")
                .post(Options.json(Map.of(
                        "appid",
                        "wxd678efh567hg6787",
                        "mchid",
                        keys.mchid(),
                        "description",
                        "observed",
                        "out_trade_no",
                        no,
                        "notify_url",
                        "http://127.0.0.1:9/notify",
                        "amount",
                        Map.of("total", 100, "currency", "CNY"))));
    }

    @Test
    void eachCallIsOneStartAndOneEndNamedByItsTemplateNotItsIds() {
        WechatPay client = observed(RetryPolicy.defaults());
        prepay(client, "OBS-000001");
        client.chain("v3/pay/transactions/out-trade-no/{no}").get(order("OBS-000001"));

        assertEquals(
                List.of(
                        "start POST /v3/pay/transactions/native",
                        "end /v3/pay/transactions/native SUCCESS 200",
                        "start GET /v3/pay/transactions/out-trade-no/{no}",
                        "end /v3/pay/transactions/out-trade-no/{no} SUCCESS 200"),
                recorder.events);
        assertTrue(
                recorder.events.stream().noneMatch(e -> e.contains("OBS-000001")), "no order ID reaches the observer");
    }

    @Test
    void retriesAreInsideOneObservedCall() {
        WechatPay client = observed(
                RetryPolicy.defaults().withBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)));
        prepay(client, "OBS-RETRY");
        recorder.events.clear();
        server.fault(Fault.SYSTEM_ERROR, 2);
        client.chain("v3/pay/transactions/out-trade-no/{no}").get(order("OBS-RETRY"));

        assertEquals(2, recorder.events.size(), recorder.events::toString);
        assertEquals(Outcome.SUCCESS, recorder.ends.get(0).outcome());
    }

    @Test
    void failuresAreClassifiedAsTheCallerSeesThem() {
        WechatPay client = observed(RetryPolicy.none());

        ServiceException missing = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}").get(order("OBS-NONE")));
        assertEnded(Outcome.CLIENT_ERROR, missing.statusCode(), missing);

        server.fault(Fault.SYSTEM_ERROR, 1);
        ServiceException busy = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}").get(order("OBS-NONE")));
        assertEnded(Outcome.SERVER_ERROR, 500, busy);

        prepay(client, "OBS-TAMPERED-GET");
        server.fault(Fault.TAMPER_BODY, 1);
        WechatPayException tampered = assertThrows(
                WechatPayException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}").get(order("OBS-TAMPERED-GET")));
        assertEnded(Outcome.UNVERIFIED, 0, tampered);

        server.fault(Fault.TAMPER_BODY, 1);
        WechatPayException unknown = assertThrows(WechatPayException.class, () -> prepay(client, "OBS-TAMPERED"));
        assertEnded(Outcome.UNKNOWN, 0, unknown);

        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}").get(Options.none()));
        assertEnded(Outcome.REFUSED, 0, refused);
        assertEquals(12, recorder.events.size(), "one start and one end per call: " + recorder.events);
    }

    @Test
    void aConnectionThatCannotBeMadeIsATransportError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        WechatPay client = track(server.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .baseUrl("http://127.0.0.1:" + closedPort)
                .retryPolicy(RetryPolicy.none())
                .callObserver(recorder)
                .build());
        WechatPayException e = assertThrows(
                WechatPayException.class,
                () -> client.chain("v3/pay/transactions/id/{id}")
                        .get(Options.path("id", "4200").withQuery("mchid", keys.mchid())));
        assertEnded(Outcome.TRANSPORT_ERROR, 0, e);
        assertEquals("start GET /v3/pay/transactions/id/{id}", recorder.events.get(0));
    }

    @Test
    void asynchronousCallsEndWhenTheirFutureDoes() throws Exception {
        WechatPay client = observed(RetryPolicy.none());
        prepay(client, "OBS-ASYNC");
        recorder.arriving.clear();
        client.chain("v3/pay/transactions/out-trade-no/{no}")
                .getAsync(order("OBS-ASYNC"))
                .get(10, TimeUnit.SECONDS);
        CallEnd first = recorder.arriving.poll(10, TimeUnit.SECONDS);
        assertEquals(Outcome.SUCCESS, first == null ? null : first.outcome());

        server.fault(Fault.SYSTEM_ERROR, 1);
        assertThrows(
                Exception.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .getAsync(order("OBS-ASYNC"))
                        .get(10, TimeUnit.SECONDS));
        CallEnd second = recorder.arriving.poll(10, TimeUnit.SECONDS);
        assertEquals(Outcome.SERVER_ERROR, second == null ? null : second.outcome());
        assertInstanceOf(ServiceException.class, second.error());
        assertEquals(null, recorder.arriving.poll(), "one end per call");
    }

    @Test
    void anObserverThatThrowsDoesNotChangeTheCall() {
        WechatPay client = track(server.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .callObserver(call -> {
                    throw new IllegalStateException("observer bug");
                })
                .build());
        prepay(client, "OBS-BROKEN");
        WechatPay endsBadly = track(server.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .callObserver(call -> ended -> {
                    throw new IllegalStateException("observer bug");
                })
                .build());
        assertEquals(
                "NOTPAY",
                endsBadly
                        .chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(order("OBS-BROKEN"))
                        .asMap()
                        .get("trade_state"));
    }

    @Test
    void statusOfAPublicKeyClientShowsTheKeyAndNoDownload() {
        ClientStatus status = client().status();

        assertEquals(keys.mchid(), status.merchantId());
        assertTrue(status.privateKeyLoaded());
        assertTrue(status.apiV3KeyLoaded());
        assertEquals(
                List.of(keys.publicKeyId()),
                status.verificationKeys().stream().map(PlatformKey::serial).toList());
        assertTrue(status.certificateRefresh().isEmpty());
        assertTrue(status.earliestCertificateExpiry().isEmpty(), "a public key never expires");
        assertTrue(status.canVerifyAt(Instant.now()));
        assertFalse(status.toString().contains("PRIVATE KEY"));
    }

    @Test
    void statusOfADownloadingClientShowsTheLastSuccessAndTheLastFailure() {
        server.mode(FakeWechatPay.Mode.CERTIFICATE);
        WechatPay client = track(server.merchantBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .autoCertificates()
                .build());
        ClientStatus.CertificateRefresh first =
                client.status().certificateRefresh().orElseThrow();
        assertNotNull(first.lastSuccess(), "the download at build time succeeded");
        assertNull(first.lastFailure());
        assertFalse(first.failing());
        assertTrue(client.status().earliestCertificateExpiry().orElseThrow().isAfter(Instant.now()));

        server.fault(Fault.CERTIFICATES_BAD_TAG);
        assertThrows(WechatPayException.class, client::refreshPlatformCertificates);
        ClientStatus.CertificateRefresh failed =
                client.status().certificateRefresh().orElseThrow();
        assertTrue(failed.failing());
        assertEquals(first.lastSuccess(), failed.lastSuccess(), "the last good download is kept");
        assertNotNull(failed.lastFailureMessage());
        assertTrue(client.status().canVerifyAt(Instant.now()), "the last good certificates still verify");

        server.clearFaults();
        client.refreshPlatformCertificates();
        assertFalse(client.status().certificateRefresh().orElseThrow().failing());
    }

    private void assertEnded(Outcome outcome, int status, Throwable error) {
        CallEnd last = recorder.ends.get(recorder.ends.size() - 1);
        assertEquals(outcome, last.outcome(), () -> last.toString());
        assertEquals(status, last.statusCode());
        assertTrue(last.error() == error, "the observer sees the exception the caller got");
    }

    private static void assertInstanceOf(Class<?> type, Object value) {
        assertTrue(type.isInstance(value), () -> value + " is not a " + type.getSimpleName());
    }
}
