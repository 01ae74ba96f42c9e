package io.github.wechatpay4j.cli;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.BillCsv;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.frontend.JsapiPayment;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.notification.RefundNotice;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code wechatpay demo}: a merchant's day against an embedded fake WeChat Pay, through the SDK's public API only.
 * The client is built from PEM text exactly as from a merchant's files; the notification endpoint is the few lines
 * any web framework needs.
 */
final class Demo {
    private static final String APPID = "wxd678efh567hg6787";
    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    int run() {
        TestKeys keys = TestKeys.generate();
        BlockingQueue<NotificationEvent> events = new LinkedBlockingQueue<>();
        try (FakeWechatPay wechatPay = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY);
                WechatPay client = WechatPay.builder()
                        .merchantId(keys.mchid())
                        .merchantSerialNumber(keys.merchantSerial())
                        .privateKey(keys.merchantPrivateKeyPem())
                        .wechatpayPublicKey(keys.publicKeyId(), keys.platformPublicKeyPem())
                        .apiV3Key(keys.apiV3Key())
                        .baseUrl(wechatPay.baseUrl())
                        .build()) {
            HttpServer endpoint = notificationEndpoint(
                    client.notifications().withDeliveryTracker(DeliveryTracker.inMemory(1000)), events);
            try {
                return walk(
                        client,
                        wechatPay,
                        events,
                        "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/wechatpay/notify");
            } finally {
                endpoint.stop(0);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpServer notificationEndpoint(Notifications notifications, BlockingQueue<NotificationEvent> events)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/wechatpay/notify", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                NotificationReply reply =
                        notifications.handle(in.readAllBytes(), exchange.getRequestHeaders()::getFirst, events::add);
                byte[] body = reply.bodyBytes();
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        });
        server.start();
        return server;
    }

    private int walk(
            WechatPay client, FakeWechatPay wechatPay, BlockingQueue<NotificationEvent> events, String notifyUrl)
            throws InterruptedException {
        out.println("wechatpay4j " + WechatPay.VERSION + " demo against an embedded fake WeChat Pay at "
                + wechatPay.baseUrl());
        out.println("client: " + client);
        String mchid = client.merchantId();
        String outTradeNo = "DEMO" + System.currentTimeMillis();

        Map<String, Object> order = new LinkedHashMap<>();
        order.put("appid", APPID);
        order.put("mchid", mchid);
        order.put("description", "wechatpay4j demo - 1 cup of tea");
        order.put("out_trade_no", outTradeNo);
        order.put("notify_url", notifyUrl);
        order.put("amount", Map.of("total", 1200, "currency", "CNY"));
        order.put("payer", Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        var prepay = client.chain("v3/pay/transactions/jsapi").post(Options.json(order));
        out.println(" 1. JSAPI prepay " + outTradeNo + " (12.00 CNY): prepay_id "
                + prepay.asMap().get("prepay_id") + ", signed and verified");
        JsapiPayment pay = client.frontEnd().jsapiPayment(APPID, prepay);
        out.println(" 2. wx.requestPayment parameters signed for the page: package=" + pay.packageValue()
                + ", signType=" + pay.signType());

        wechatPay.pay(outTradeNo);
        TransactionSuccess paid = (TransactionSuccess) next(events);
        out.println(" 3. The payer paid. TRANSACTION.SUCCESS reached our endpoint, signature verified and resource"
                + " decrypted: transaction_id " + paid.transaction().transactionId() + ", "
                + paid.transaction().amount().total() + " fen, state "
                + paid.transaction().tradeState());

        Map<String, Object> queried = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                .get(Options.path("out_trade_no", outTradeNo).withQuery("mchid", mchid))
                .asMap();
        out.println(" 4. Query by out_trade_no: trade_state " + queried.get("trade_state") + ", success_time "
                + queried.get("success_time"));

        String outRefundNo = "R" + outTradeNo;
        Map<String, Object> refund = client.chain("v3/refund/domestic/refunds")
                .post(Options.json(Map.of(
                        "out_trade_no",
                        outTradeNo,
                        "out_refund_no",
                        outRefundNo,
                        "reason",
                        "demo",
                        "notify_url",
                        notifyUrl,
                        "amount",
                        Map.of("refund", 500, "total", 1200, "currency", "CNY"))))
                .asMap();
        out.println(" 5. Refund " + outRefundNo + " of 5.00 CNY accepted: status " + refund.get("status"));
        RefundNotice refunded = (RefundNotice) next(events);
        out.println(" 6. REFUND." + refunded.refund().refundStatus() + " received and verified: refund_id "
                + refunded.refund().refundId() + ", "
                + refunded.refund().amount().refund() + " fen back to the payer");

        String today = LocalDate.now(ZoneOffset.ofHours(8)).toString();
        BillFile bill = client.chain("v3/bill/tradebill")
                .get(Options.query("bill_date", today)
                        .withQuery("bill_type", "ALL")
                        .withQuery("tar_type", "GZIP"))
                .as(BillFile.class);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long size = client.downloads().bill(bill, csv);
        BillCsv.Table table = BillCsv.parse(new ByteArrayInputStream(csv.toByteArray()));
        out.println(" 7. Trade bill of " + today + ": " + size + " bytes, gzip detected and undone on the fly, SHA-1 "
                + bill.hashValue() + " checked; " + table.rows().size() + " records ("
                + table.rows().stream().map(r -> r.get("交易状态")).toList() + "), settled total "
                + table.summary().get("应结订单总金额") + " CNY, refunded "
                + table.summary().get("退款总金额") + " CNY");

        try {
            order.put("amount", Map.of("total", 1, "currency", "CNY"));
            client.chain("v3/pay/transactions/jsapi").post(Options.json(order));
            out.println(" 8. UNEXPECTED: the reused out_trade_no was accepted");
            return Cli.INTERNAL;
        } catch (ServiceException e) {
            out.println(" 8. Placing the paid order again, with another amount: HTTP " + e.statusCode() + " "
                    + e.code().orElse("?") + " (a typed ServiceException, signed=" + e.isSigned() + ")");
        }

        wechatPay.fault(FakeWechatPay.Fault.TAMPER_BODY); // on every attempt: asking again does not help
        try {
            client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                    .get(Options.path("out_trade_no", outTradeNo).withQuery("mchid", mchid));
            out.println(" 9. UNEXPECTED: a tampered answer was accepted");
            return Cli.INTERNAL;
        } catch (SignatureVerificationException e) {
            out.println(" 9. An answer altered by one byte on the way: rejected (" + e.reason() + ")");
        } finally {
            wechatPay.clearFaults();
        }
        out.println("Done: prepay, payment, notifications, query, refund and bill, every answer verified.");
        return Cli.OK;
    }

    private static NotificationEvent next(BlockingQueue<NotificationEvent> events) throws InterruptedException {
        NotificationEvent event = events.poll(30, TimeUnit.SECONDS);
        if (event == null) {
            throw new IllegalStateException("no notification reached the demo endpoint within 30 s");
        }
        return event;
    }
}
