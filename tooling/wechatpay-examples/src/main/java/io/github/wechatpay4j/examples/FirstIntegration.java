package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.model.Refund;
import io.github.wechatpay4j.api.model.Transaction;
import io.github.wechatpay4j.api.model.Transaction.TradeState;
import io.github.wechatpay4j.api.v3.bill.Tradebill;
import io.github.wechatpay4j.api.v3.pay.transactions.Jsapi;
import io.github.wechatpay4j.api.v3.pay.transactions.out_trade_no.ByOutTradeNo;
import io.github.wechatpay4j.api.v3.refund.domestic.Refunds;
import io.github.wechatpay4j.frontend.JsapiPayment;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.TransactionSuccess;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A first integration with the typed API: a JSAPI order, the parameters for {@code wx.requestPayment}, the payment
 * notification and the order query as one type, a partial refund, and the day's bill.
 */
public final class FirstIntegration {
    private final WechatPay client;
    private final WechatPayApi api;
    private final String appId;

    public FirstIntegration(WechatPay client, String appId) {
        this.client = client;
        this.api = WechatPayApi.of(client);
        this.appId = appId;
    }

    /** Places the order and returns what the mini-program hands to {@code wx.requestPayment}. */
    public JsapiPayment checkout(String outTradeNo, long totalFen, String openid, String notifyUrl) {
        Jsapi.PostResponse prepay = api.v3()
                .pay()
                .transactions()
                .jsapi()
                .post(Jsapi.PostRequest.builder()
                        .appid(appId)
                        .mchid(client.merchantId())
                        .description("Tea, 1 cup")
                        .outTradeNo(outTradeNo)
                        .notifyUrl(notifyUrl)
                        .amount(Jsapi.PostRequest.Amount.builder()
                                .total(totalFen)
                                .currency("CNY")
                                .build())
                        .payer(Jsapi.PostRequest.Payer.builder().openid(openid).build())
                        .build());
        return client.frontEnd().jsapiPayment(appId, prepay); // timeStamp, nonceStr, package, signType, paySign
    }

    /** The notify_url endpoint: verified, decrypted, and bound to {@code Transaction}, the order queries' type. */
    public NotificationReply onNotification(byte[] body, Function<String, String> headers, Consumer<Transaction> paid) {
        return client.notifications().handle(body, headers, event -> {
            if (event instanceof TransactionSuccess success) {
                paid.accept(success.notification().resource(Transaction.class));
            }
        });
    }

    /** Whether the order is paid, asked of WeChat Pay (when the notification is late, say). */
    public boolean isPaid(String outTradeNo) {
        Transaction order = api.v3()
                .pay()
                .transactions()
                .outTradeNo(outTradeNo)
                .get(new ByOutTradeNo.GetRequest(client.merchantId()));
        return order.tradeState() == TradeState.SUCCESS;
    }

    /** Refunds part of a paid order: the amounts are named, so refund and total cannot be swapped. */
    public Refund refund(String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
        return api.v3()
                .refund()
                .domestic()
                .refunds()
                .post(Refunds.PostRequest.builder()
                        .outTradeNo(outTradeNo)
                        .outRefundNo(outRefundNo)
                        .reason("one cup returned")
                        .amount(Refunds.PostRequest.Amount.builder()
                                .refund(refundFen)
                                .total(totalFen)
                                .currency("CNY")
                                .build())
                        .build());
    }

    /** Downloads a day's trade bill (yyyy-MM-dd), gzipped on the wire, verified before it lands in {@code target}. */
    public long tradeBill(String date, Path target) {
        Tradebill.GetResponse bill = api.v3()
                .bill()
                .tradebill()
                .get(Tradebill.GetRequest.builder()
                        .billDate(date)
                        .billType("ALL")
                        .tarType("GZIP")
                        .build());
        return client.downloads().bill(bill, target);
    }
}
