package io.github.wechatpay4j.api.shapes;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.api.model.Refund;
import io.github.wechatpay4j.api.model.Transaction;
import io.github.wechatpay4j.api.v3.pay.transactions.id.ByTransactionId;
import io.github.wechatpay4j.api.v3.pay.transactions.out_trade_no.ByOutTradeNo;
import io.github.wechatpay4j.api.v3.refund.domestic.Refunds;
import io.github.wechatpay4j.api.v3.refund.domestic.refunds.ByOutRefundNo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 19, item 4: one type per business object where WeChat Pay answers one shape: both order queries return
 * {@code Transaction} (also the {@code TRANSACTION.SUCCESS} resource's type, see FirstIntegrationTest), refund creation
 * and the refund query return {@code Refund}.
 */
class SharedModelsTest {

    @Test
    void theOrderQueriesAndTheRefundOperationsShareTheirAnswerTypes() throws Exception {
        assertEquals(
                Transaction.class,
                ByTransactionId.class
                        .getMethod("get", ByTransactionId.GetRequest.class, Options.class)
                        .getReturnType());
        assertEquals(
                Transaction.class,
                ByOutTradeNo.class
                        .getMethod("get", ByOutTradeNo.GetRequest.class, Options.class)
                        .getReturnType());
        assertEquals(
                Refund.class,
                Refunds.class
                        .getMethod("post", Refunds.PostRequest.class, Options.class)
                        .getReturnType());
        assertEquals(
                Refund.class,
                ByOutRefundNo.class
                        .getMethod("get", ByOutRefundNo.GetRequest.class, Options.class)
                        .getReturnType());
    }

    @Test
    void theSharedTransactionHasTheUnionOfBothQueriesFields() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (java.lang.reflect.RecordComponent c : Transaction.class.getRecordComponents()) {
            names.add(c.getName());
        }
        // amount.total came from the by-out-trade-no correction, payer from the by-id one, installment_info from
        // the out-trade-no query only: the union carries them all
        assertEquals(
                true,
                names.containsAll(java.util.Set.of(
                        "amount", "payer", "promotionDetail", "installmentInfo", "tradeState", "successTime")),
                names.toString());
    }
}
