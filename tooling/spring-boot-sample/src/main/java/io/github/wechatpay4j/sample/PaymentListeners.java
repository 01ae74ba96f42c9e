package io.github.wechatpay4j.sample;

import io.github.wechatpay4j.notification.RefundNotice;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.spring.boot.autoconfigure.WechatPayListener;
import org.springframework.stereotype.Component;

/**
 * What the shop does when WeChat Pay says an order was paid or refunded. Each notification arrives verified,
 * decrypted and once; throwing makes the endpoint answer a failure, and WeChat Pay delivers it again.
 */
@Component
public class PaymentListeners {
    private final OrderBook orders;

    public PaymentListeners(OrderBook orders) {
        this.orders = orders;
    }

    @WechatPayListener("TRANSACTION.SUCCESS")
    public void paid(TransactionSuccess event) {
        orders.paid(event.transaction().outTradeNo(), event.transaction().transactionId());
    }

    @WechatPayListener("REFUND.SUCCESS")
    public void refunded(RefundNotice event) {
        orders.refunded(event.refund().outTradeNo(), event.refund().amount().refund());
    }
}
