package io.github.wechatpay4j.sample;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The shop's orders (in memory: a real shop keeps them in its database). */
@Component
public class OrderBook {
    /** One order as the shop sees it. */
    public record ShopOrder(String outTradeNo, long total, String status, String transactionId, long refunded) {}

    private final Map<String, ShopOrder> orders = new ConcurrentHashMap<>();

    void placed(String outTradeNo, long total) {
        orders.put(outTradeNo, new ShopOrder(outTradeNo, total, "CREATED", null, 0));
    }

    void paid(String outTradeNo, String transactionId) {
        orders.computeIfPresent(
                outTradeNo, (no, o) -> new ShopOrder(no, o.total(), "PAID", transactionId, o.refunded()));
    }

    void refunded(String outTradeNo, long amount) {
        orders.computeIfPresent(
                outTradeNo,
                (no, o) -> new ShopOrder(no, o.total(), "REFUNDED", o.transactionId(), o.refunded() + amount));
    }

    public Optional<ShopOrder> get(String outTradeNo) {
        return Optional.ofNullable(orders.get(outTradeNo));
    }
}
