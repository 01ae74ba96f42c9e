package io.github.wechatpay4j.it;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.Encrypted;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.EncryptedBillFile;
import io.github.wechatpay4j.download.EncryptedBillFiles;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.testkit.BillSource;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for the security review of issue 17, one (or more) per finding, each named after its item. Every
 * one of them fails on the code the review was made against (b2117e1) and passes now.
 */
class SecurityReviewTest extends FakeServerTestBase {
    private static final byte[] BILL = BillDownloadTest.BILL.repeat(40).getBytes(StandardCharsets.UTF_8);

    private static EncryptedBillFile encryptedBill(WechatPay client, boolean gzip) {
        EncryptedBillFiles files = client.chain("v3/bill/sub-merchant-fundflowbill")
                .get(Options.query("sub_mchid", "1900000109")
                        .withQuery("bill_date", "2026-11-22")
                        .withQuery("account_type", "BASIC")
                        .withQuery("algorithm", "AEAD_AES_256_GCM")
                        .withQuery("tar_type", gzip ? "GZIP" : null))
                .as(EncryptedBillFiles.class);
        return files.downloadBillList().get(0);
    }

    private static BillFile plainBill(WechatPay client, boolean gzip) {
        return client.chain("v3/bill/tradebill")
                .get(Options.query("bill_date", "2026-11-22").withQuery("tar_type", gzip ? "GZIP" : null))
                .as(BillFile.class);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    // ------------------------------------------------------------------ item 1: the GCM tag of gzipped bills

    /**
     * Item 1. A zeroed tag, a tag cut in half, and 1 MiB of bytes after the tag: each is a bad tag, for gzipped
     * encrypted bills (where the gzip reader used to stop before the tag) and plain ones; the target keeps its old
     * content and no temporary file is left.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void item1_encryptedBillsWithABadTruncatedOrExtendedTagAreRefused(boolean gzip, @TempDir Path dir)
            throws Exception {
        server.bill(BillSource.of(BILL));
        WechatPay client = client();
        Path target = dir.resolve("bill.csv");
        Files.writeString(target, "yesterday's copy");
        for (List<Fault> faults : List.of(
                List.of(Fault.BILL_BAD_TAG),
                List.of(Fault.BILL_TAG_TRUNCATED),
                List.of(Fault.BILL_TRAILING_BYTES),
                List.of(Fault.BILL_BAD_TAG, Fault.BILL_TRAILING_BYTES))) {
            server.clearFaults();
            faults.forEach(server::fault);
            DownloadException e = assertThrows(
                    DownloadException.class,
                    () -> client.downloads().bill(encryptedBill(client, gzip), target),
                    faults.toString());
            assertEquals(DownloadException.Reason.BAD_TAG, e.reason(), faults + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("download it again"), e.getMessage());
        }
        assertEquals("yesterday's copy", Files.readString(target));
        assertEquals(List.of(target), filesIn(dir));

        server.clearFaults();
        assertEquals(BILL.length, client.downloads().bill(encryptedBill(client, gzip), target));
        assertArrayEquals(BILL, Files.readAllBytes(target), "and an intact bill still arrives");
    }

    /** Item 1 over HTTP: 30 gzipped bills of random content, each with a zeroed tag (300 more in DownloadBodyTest). */
    @Test
    void item1_noGzippedEncryptedBillWithAZeroedTagIsAccepted() {
        WechatPay client = client();
        java.util.Random random = new java.util.Random(17);
        server.fault(Fault.BILL_BAD_TAG);
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            byte[] content = new byte[1 + random.nextInt(4096)];
            random.nextBytes(content);
            server.bill(BillSource.of(content));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DownloadException e = assertThrows(
                    DownloadException.class, () -> client.downloads().bill(encryptedBill(client, true), out));
            assertEquals(DownloadException.Reason.BAD_TAG, e.reason());
            assertEquals(0, out.size(), "nothing reaches the caller's stream");
            refused++;
        }
        assertEquals(30, refused);
    }

    /** Item 1, unencrypted bills: bytes after the gzip data are refused too (the hash would not cover them). */
    @Test
    void item1_bytesAfterTheGzipDataOfAPlainBillAreRefused(@TempDir Path dir) {
        server.bill(BillSource.of(BILL));
        WechatPay client = client();
        server.fault(Fault.BILL_TRAILING_BYTES);
        DownloadException gzipped = assertThrows(
                DownloadException.class, () -> client.downloads().bill(plainBill(client, true), dir.resolve("a.csv")));
        assertEquals(DownloadException.Reason.CORRUPT_GZIP, gzipped.reason());
        assertTrue(gzipped.getMessage().contains("follow the end of the gzip data"), gzipped.getMessage());
        DownloadException plain = assertThrows(
                DownloadException.class, () -> client.downloads().bill(plainBill(client, false), dir.resolve("b.csv")));
        assertEquals(DownloadException.Reason.HASH_MISMATCH, plain.reason());
    }

    // ------------------------------------------------------------------ item 5: no unverified plaintext

    /**
     * Item 5. The {@code OutputStream} variants write nothing until every check passed: a bad tag (the plaintext
     * itself decrypts fine, only the tag is wrong) or a wrong hash leave the caller's stream empty. The streaming
     * variant says in its name that its output is unverified.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void item5_theCallersStreamSeesNoByteBeforeTheBillIsVerified(boolean gzip) {
        server.bill(BillSource.of(BILL));
        WechatPay client = client();
        for (Fault fault : new Fault[] {Fault.BILL_BAD_TAG, Fault.BILL_WRONG_HASH}) {
            server.clearFaults().fault(fault);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThrows(DownloadException.class, () -> client.downloads().bill(encryptedBill(client, gzip), out));
            assertEquals(0, out.size(), fault + ": no unverified byte was handed over");
            ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
            assertThrows(DownloadException.class, () -> client.downloads().bill(plainBill(client, gzip), plainOut));
            assertEquals(0, plainOut.size(), fault + " (unencrypted bill)");
        }
        server.clearFaults().fault(Fault.BILL_BAD_TAG);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        assertThrows(
                DownloadException.class,
                () -> client.downloads().billUnverified(encryptedBill(client, gzip), streamed));
        assertTrue(streamed.size() > 0, "the unverified variant streams, as its name says");

        server.clearFaults();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(BILL.length, client.downloads().bill(encryptedBill(client, gzip), out));
        assertArrayEquals(BILL, out.toByteArray());
    }

    // ------------------------------------------------------------------ item 7: bounds

    /** Item 7. A gzip bomb (64 MiB of zeros in about 64 KiB) stops at the configured limit; nothing is kept. */
    @Test
    void item7_aGzipBombStopsAtTheDownloadLimit(@TempDir Path dir) throws Exception {
        server.bill(BillSource.repeating(new byte[4096], 64L << 20));
        WechatPay client =
                track(server.clientBuilder().maxDownloadBytes(1 << 20).build());
        Path target = dir.resolve("bomb.csv");
        DownloadException e =
                assertThrows(DownloadException.class, () -> client.downloads().bill(plainBill(client, true), target));
        assertEquals(DownloadException.Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("maxDownloadBytes"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));
        assertEquals(
                DownloadException.Reason.TOO_LARGE,
                assertThrows(
                                DownloadException.class,
                                () -> client.downloads().bill(encryptedBill(client, true), target))
                        .reason());

        server.bill(BillSource.of(BILL));
        assertEquals(BILL.length, client.downloads().bill(plainBill(client, true), target), "a bill under it");
    }

    // ------------------------------------------------------------------ item 3: @Encrypted fails closed

    public record IdCard(@Encrypted String idCardNumber) {
        @Override
        public String toString() {
            return "IdCard[hidden]";
        }
    }

    public record InSet(Set<IdCard> cards) {}

    public record InArray(IdCard[] cards) {}

    public record InCollection(Collection<IdCard> cards) {}

    public record InMapOfLists(Map<String, List<IdCard[]>> cards) {}

    /** A JavaBean: it cannot be rebuilt with its contents encrypted. */
    public static final class Bean {
        private final IdCard card;

        public Bean(IdCard card) {
            this.card = card;
        }

        public IdCard getCard() {
            return card;
        }
    }

    public static final class LooseBean {
        public Object anything;
    }

    private static final String ID = "110101199003071234";

    private void assertEncryptedOnTheWire(String codec, Object body, int expectedCiphertexts) {
        server.on("POST", "/v3/profitsharing/receivers/add", FakeResponse.ok("{}"));
        server.clearRequests();
        client(codec).chain("v3/profitsharing/receivers/add").post(Options.json(body));
        RecordedRequest r = server.lastRequest();
        String wire = utf8(r.body());
        assertFalse(wire.contains(ID), "no plaintext on the wire: " + wire);
        String serial = r.header("Wechatpay-Serial").orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id_card_number\":\"([^\"]+)\"")
                .matcher(wire);
        int found = 0;
        while (m.find()) {
            assertEquals(ID, server.decrypt(serial, m.group(1)), "the fake decrypts it with the key in the header");
            found++;
        }
        assertEquals(expectedCiphertexts, found, wire);
    }

    /** Item 3. Sets, arrays, other collections and deep nestings are encrypted, checked at the fake (Optional: core). */
    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void item3_encryptedComponentsInsideEveryContainerAreEncrypted(String codec) {
        IdCard card = new IdCard(ID);
        assertEncryptedOnTheWire(codec, new InSet(Set.of(card)), 1);
        assertEncryptedOnTheWire(codec, new InArray(new IdCard[] {card, card}), 2);
        assertEncryptedOnTheWire(codec, new InCollection(new java.util.ArrayDeque<>(List.of(card))), 1);
        assertEncryptedOnTheWire(codec, Map.of("cards", Set.of(card)), 1);
        assertEncryptedOnTheWire(codec, new IdCard[] {card}, 1);
        assertEncryptedOnTheWire(codec, new InMapOfLists(Map.of("a", List.<IdCard[]>of(new IdCard[] {card}))), 1);
    }

    /** Item 3. What cannot be rebuilt is refused before anything is sent, and says what to do. */
    @Test
    void item3_encryptedComponentsThatCannotBeRebuiltAreRefusedBeforeSending() {
        server.clearRequests();
        InvalidRequestException bean = assertThrows(
                InvalidRequestException.class,
                () -> client().chain("v3/profitsharing/receivers/add").post(Options.json(new Bean(new IdCard(ID)))));
        assertTrue(bean.getMessage().contains("make it a record"), bean.getMessage());
        assertFalse(bean.getMessage().contains(ID));
        LooseBean loose = new LooseBean();
        loose.anything = List.of(new IdCard(ID));
        assertThrows(
                InvalidRequestException.class,
                () -> client().chain("v3/profitsharing/receivers/add").post(Options.json(loose)));
        assertTrue(server.requests().isEmpty(), "nothing was sent");

        server.on("POST", "/v3/profitsharing/receivers/add", FakeResponse.ok("{}"));
        loose.anything = List.of("plain", 1); // a bean without marked fields is sent as it is
        client().chain("v3/profitsharing/receivers/add").post(Options.json(loose));
        assertEquals(1, server.requests().size());
        client().chain("v3/profitsharing/receivers/add").post(Options.json(new Bean(null)));
        assertEquals(2, server.requests().size());
    }

    /** Item 3. The annotation can only mark record components now (FIELD is gone from its targets). */
    @Test
    void item3_theAnnotationTargetsRecordComponentsOnly() {
        assertArrayEquals(
                new java.lang.annotation.ElementType[] {java.lang.annotation.ElementType.RECORD_COMPONENT},
                Encrypted.class.getAnnotation(java.lang.annotation.Target.class).value());
    }

    // ------------------------------------------------------------------ item 4: dot segments

    /**
     * Item 4. {@code .} and {@code ..} as path values (or escaped as segments) are refused before sending, on every
     * transport: OkHttp resolves dot segments, so {@code /v3/pay/transactions/id/..} went out as
     * {@code /v3/pay/transactions/} while the signature covered the other path. Values that merely contain dots are
     * sent as signed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void item4_dotSegmentsAreRefusedOnEveryTransport(String name) throws Exception {
        try (io.github.wechatpay4j.http.HttpTransport t = BillDownloadTest.transport(name);
                WechatPay client = server.clientBuilder().transport(t).build()) {
            server.clearRequests();
            for (String value : new String[] {"..", "."}) {
                InvalidRequestException e = assertThrows(
                        InvalidRequestException.class,
                        () -> client.chain("v3/pay/transactions/id/{transaction_id}")
                                .get(Options.query("mchid", "1900000001").withPath("transaction_id", value)),
                        value);
                assertTrue(e.getMessage().contains("dot segment"), e.getMessage());
            }
            for (String path : new String[] {"v3/pay/transactions/%2e%2E", "v3/pay/%2e/transactions", "v3/.."}) {
                assertThrows(
                        InvalidRequestException.class, () -> client.chain(path).get(), path);
            }
            assertThrows(
                    InvalidRequestException.class,
                    () -> client.chain("v3/pay/transactions/{a}{b}")
                            .get(Options.none().withPath("a", ".").withPath("b", ".")),
                    "a segment made of two values");
            assertTrue(server.requests().isEmpty(), "nothing was sent");

            server.on("GET", "/v3/pay/transactions/id/...", FakeResponse.ok("{}"));
            server.on("GET", "/v3/pay/transactions/id/%252E%252E", FakeResponse.ok("{}"));
            client.chain("v3/pay/transactions/id/{transaction_id}")
                    .get(Options.none().withPath("transaction_id", "..."));
            assertEquals("/v3/pay/transactions/id/...", server.lastRequest().rawPath());
            assertTrue(server.lastRequest().signatureValid());
            client.chain("v3/pay/transactions/id/{transaction_id}")
                    .get(Options.none().withPath("transaction_id", "%2E%2E"));
            assertEquals(
                    "/v3/pay/transactions/id/%252E%252E", server.lastRequest().rawPath(), "escaped, not a dot");
            assertTrue(server.lastRequest().signatureValid());
        }
    }

    // ------------------------------------------------------------------ item 6: duplicates while in progress

    /**
     * Item 6. Two deliveries of one notification at the same time: while the first handler runs, the second is
     * answered with a failure (WeChat Pay retries), not acknowledged; the first handler fails; the retry is handled
     * and succeeds; only then are further deliveries acknowledged without handling.
     */
    @Test
    void item6_aDuplicateIsNotAcknowledgedBeforeTheFirstDeliverySucceeds() throws Exception {
        Notifications n = client().notifications().withDeliveryTracker(DeliveryTracker.inMemory(100));
        FakeNotification sent = server.notification("TRANSACTION.SUCCESS", NotificationsTest.TRANSACTION);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<NotificationReply> first = pool.submit(() -> n.handle(sent.body(), sent::header, e -> {
                started.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the database went away");
            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            FakeNotification again = server.notification("TRANSACTION.SUCCESS", NotificationsTest.TRANSACTION)
                    .withId(sent.id());
            NotificationReply duplicate = n.handle(again.body(), again::header, e -> handled.add("duplicate"));
            assertFalse(duplicate.isSuccess(), "a delivery in progress is not acknowledged: " + duplicate);
            assertEquals(503, duplicate.status());
            assertTrue(handled.isEmpty(), "and not handled beside the first");

            proceed.countDown();
            assertEquals(500, first.get(10, TimeUnit.SECONDS).status(), "the first handler failed");

            NotificationReply retry = n.handle(again.body(), again::header, e -> handled.add(e.id()));
            assertTrue(retry.isSuccess(), "the retry is handled");
            assertEquals(List.of(sent.id()), handled);
            NotificationReply late = n.handle(again.body(), again::header, e -> handled.add("late"));
            assertTrue(late.isSuccess(), "after success a redelivery is acknowledged");
            assertEquals(List.of(sent.id()), handled, "without handling it again");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Item 6. A handler that throws an Error leaves no claim behind: the next delivery is handled. */
    @Test
    void item6_anErrorInTheHandlerFreesTheNotification() {
        Notifications n = client().notifications().withDeliveryTracker(DeliveryTracker.inMemory(100));
        FakeNotification sent = server.notification("TRANSACTION.SUCCESS", NotificationsTest.TRANSACTION);
        assertThrows(
                AssertionError.class,
                () -> n.handle(sent.body(), sent::header, e -> {
                    throw new AssertionError("boom");
                }));
        List<String> handled = new ArrayList<>();
        assertTrue(n.handle(sent.body(), sent::header, e -> handled.add(e.id())).isSuccess());
        assertEquals(List.of(sent.id()), handled);
    }

    /** Item 6. The in-memory tracker's three states, directly. */
    @Test
    void item6_theTrackerHasThreeStates() {
        DeliveryTracker t = DeliveryTracker.inMemory(2);
        assertEquals(DeliveryTracker.Claim.CLAIMED, t.claim("a"));
        assertEquals(DeliveryTracker.Claim.IN_PROGRESS, t.claim("a"));
        t.release("a");
        assertEquals(DeliveryTracker.Claim.CLAIMED, t.claim("a"));
        t.complete("a");
        assertEquals(DeliveryTracker.Claim.DONE, t.claim("a"));
        t.release("a");
        assertEquals(DeliveryTracker.Claim.DONE, t.claim("a"), "a release never undoes a completion");
    }
}
