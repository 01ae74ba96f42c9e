package io.github.wechatpay4j.sample;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.model.Refund;
import io.github.wechatpay4j.api.v3.bill.Tradebill;
import io.github.wechatpay4j.api.v3.pay.transactions.Jsapi;
import io.github.wechatpay4j.api.v3.refund.domestic.Refunds;
import io.github.wechatpay4j.download.BillCsv;
import io.github.wechatpay4j.frontend.JsapiPayment;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.UUID;

/** The shop's checkout: a JSAPI order, its state, a refund, the day's bill. */
@RestController
public class CheckoutController {
    /** What the mini-program sends to check out. */
    public record CheckoutRequest(String description, long total, String openid) {}

    /** What it gets back: the order number and the {@code wx.requestPayment} parameters. */
    public record CheckoutResponse(String outTradeNo, Map<String, String> payment) {}

    /** A refund of part of an order. */
    public record RefundRequest(long amount) {}

    private final WechatPay client;
    private final WechatPayApi api;
    private final OrderBook orders;
    private final ShopProperties shop;
    private final Environment environment;

    public CheckoutController(
            WechatPay client, WechatPayApi api, OrderBook orders, ShopProperties shop, Environment environment) {
        this.client = client;
        this.api = api;
        this.orders = orders;
        this.shop = shop;
        this.environment = environment;
    }

    /** The notify_url, resolved per request (it may name the server's port, known only once it listens). */
    private String notifyUrl() {
        return environment.resolveRequiredPlaceholders(shop.notifyUrl());
    }

    @PostMapping("/orders")
    public CheckoutResponse checkout(@RequestBody CheckoutRequest request) {
        String outTradeNo =
                "SHOP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Jsapi.PostResponse prepay = api.v3()
                .pay()
                .transactions()
                .jsapi()
                .post(Jsapi.PostRequest.builder()
                        .appid(shop.appid())
                        .mchid(client.merchantId())
                        .description(request.description())
                        .outTradeNo(outTradeNo)
                        .notifyUrl(notifyUrl())
                        .amount(Jsapi.PostRequest.Amount.builder()
                                .total(request.total())
                                .currency("CNY")
                                .build())
                        .payer(Jsapi.PostRequest.Payer.builder()
                                .openid(request.openid())
                                .build())
                        .build());
        orders.placed(outTradeNo, request.total());
        JsapiPayment payment = client.frontEnd().jsapiPayment(shop.appid(), prepay);
        return new CheckoutResponse(outTradeNo, payment.toMap());
    }

    @GetMapping("/orders/{outTradeNo}")
    public OrderBook.ShopOrder order(@PathVariable String outTradeNo) {
        return orders.get(outTradeNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/orders/{outTradeNo}/refunds")
    public Map<String, String> refund(@PathVariable String outTradeNo, @RequestBody RefundRequest request) {
        OrderBook.ShopOrder order = order(outTradeNo);
        Refund refund = api.v3()
                .refund()
                .domestic()
                .refunds()
                .post(Refunds.PostRequest.builder()
                        .outTradeNo(outTradeNo)
                        .outRefundNo(outTradeNo + "R" + (order.refunded() + request.amount()))
                        .reason("returned")
                        .notifyUrl(notifyUrl())
                        .amount(Refunds.PostRequest.Amount.builder()
                                .refund(request.amount())
                                .total(order.total())
                                .currency("CNY")
                                .build())
                        .build());
        return Map.of("outRefundNo", refund.outRefundNo(), "status", String.valueOf(refund.status()));
    }

    @GetMapping("/bills/{date}")
    public Map<String, Object> bill(@PathVariable String date) {
        Tradebill.GetResponse bill = api.v3()
                .bill()
                .tradebill()
                .get(Tradebill.GetRequest.builder()
                        .billDate(date)
                        .billType("ALL")
                        .tarType("GZIP")
                        .build());
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        client.downloads().bill(bill, csv); // SHA-1 checked, gzip undone
        BillCsv.Table table = BillCsv.parse(new ByteArrayInputStream(csv.toByteArray()));
        return Map.of(
                "rows", table.rows().size(),
                "orders", table.rows().stream().map(r -> r.get("商户订单号")).toList(),
                "summary", table.summary());
    }
}
