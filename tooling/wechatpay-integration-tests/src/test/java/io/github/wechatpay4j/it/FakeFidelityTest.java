package io.github.wechatpay4j.it;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18, item 7: where the fake was not yet WeChat Pay. */
class FakeFidelityTest extends FakeServerTestBase {

    /**
     * A user's flow against a slow endpoint (500 ms per answer): three orders paid and one partly refunded, so that
     * several deliveries are in flight at once. The fake's notification client used to run its exchanges on the
     * 2-thread scheduler that also ran the deliveries: with two deliveries blocked in {@code send}, nothing could
     * complete them, and {@code REFUND.SUCCESS} never arrived.
     */
    @Test
    void deliveriesInFlightAtOnceAllArriveAtASlowEndpoint() throws Exception {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool();
        endpoint.setExecutor(threads);
        endpoint.createContext("/notify", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                Thread.sleep(500);
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        endpoint.start();
        try {
            String notifyUrl = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify";
            WechatPay client = client();
            String mchid = keys.mchid();
            List<String> orders = List.of("SLOW-1", "SLOW-2", "SLOW-3");
            for (String no : orders) {
                client.chain("v3/pay/transactions/native")
                        .post(Options.json(Map.of(
                                "appid",
                                "wxd678efh567hg6787",
                                "mchid",
                                mchid,
                                "description",
                                "tea",
                                "out_trade_no",
                                no,
                                "notify_url",
                                notifyUrl,
                                "amount",
                                Map.of("total", 100, "currency", "CNY"))));
            }
            orders.forEach(server::pay);
            client.chain("v3/refund/domestic/refunds")
                    .post(Options.json(Map.of(
                            "out_trade_no",
                            "SLOW-1",
                            "out_refund_no",
                            "RSLOW-1",
                            "notify_url",
                            notifyUrl,
                            "amount",
                            Map.of("refund", 40, "total", 100, "currency", "CNY"))));
            for (String no : orders) {
                assertEquals(
                        NotificationDelivery.State.DELIVERED,
                        server.awaitDelivery("TRANSACTION.SUCCESS", no, Duration.ofSeconds(20))
                                .state(),
                        no);
            }
            NotificationDelivery refund = server.awaitDelivery("REFUND.SUCCESS", "RSLOW-1", Duration.ofSeconds(20));
            assertEquals(NotificationDelivery.State.DELIVERED, refund.state());
            assertEquals(List.of(204), refund.attempts());
        } finally {
            endpoint.stop(0);
            threads.shutdownNow();
        }
    }

    /** Real trade bills start with a UTF-8 byte order mark; the fake's built bills do too, and BillCsv reads them. */
    @Test
    void tradeBillsStartWithAByteOrderMark() {
        WechatPay client = client();
        client.chain("v3/pay/transactions/native")
                .post(Options.json(Map.of(
                        "appid",
                        "wxd678efh567hg6787",
                        "mchid",
                        keys.mchid(),
                        "description",
                        "tea",
                        "out_trade_no",
                        "BOM-00001",
                        "notify_url",
                        "http://127.0.0.1:9/notify",
                        "amount",
                        Map.of("total", 100, "currency", "CNY"))));
        server.pay("BOM-00001");
        BillFile bill = client.chain("v3/bill/tradebill")
                .get(Options.query(
                        "bill_date", LocalDate.now(ZoneOffset.ofHours(8)).toString()))
                .as(BillFile.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.downloads().bill(bill, out);
        byte[] bytes = out.toByteArray();
        assertEquals(List.of(0xEF, 0xBB, 0xBF), List.of(bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff));
        assertEquals(
                "BOM-00001",
                io.github.wechatpay4j.download.BillCsv.parse(new java.io.ByteArrayInputStream(bytes))
                        .rows()
                        .get(0)
                        .get("商户订单号"));
    }

    /** A multipart upload whose file part has no filename is answered with what is missing, in detail. */
    @Test
    void anUploadWithoutAFilenameSaysSo() throws Exception {
        String boundary = "b0undary";
        String meta = "{\"filename\":\"a.jpg\",\"sha256\":\"00\"}";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + meta + "\r\n--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"\r\nContent-Type: image/jpeg\r\n\r\nxyz\r\n--"
                        + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        server.clearRequests();
        // signed by hand over the meta part, as WeChat Pay expects for uploads
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v3/merchant/media/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .header("Authorization", authorization("POST", "/v3/merchant/media/upload", meta))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("filename"), answer.body());
        assertTrue(answer.body().contains("\"field\":\"file\""), answer.body());
    }

    /** A WECHATPAY2-SHA256-RSA2048 Authorization value made with plain JCA. */
    private static String authorization(String method, String target, String body) throws Exception {
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        String nonce = "N" + Long.toHexString(System.nanoTime());
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.merchantKeys().getPrivate());
        rsa.update((method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + keys.mchid() + "\",nonce_str=\"" + nonce + "\",timestamp=\""
                + timestamp + "\",serial_no=\"" + keys.merchantSerial() + "\",signature=\""
                + java.util.Base64.getEncoder().encodeToString(rsa.sign()) + "\"";
    }
}
