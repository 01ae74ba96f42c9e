package io.github.wechatpay4j.testkit;

import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WeChat Pay's APIv2 on the fake server: checks each request's {@code sign} with the algorithm its {@code sign_type}
 * declares (MD5 when absent), requires the merchant's API client certificate in the TLS handshake for the secured
 * operations, and models payment-code payments ({@code pay/micropay}: the payer first still entering a password, paid
 * when the order is next queried, or after as many queries as {@code passwordAfterQueries} says), orders
 * ({@code pay/unifiedorder}, {@code pay/orderquery}, {@code pay/closeorder}), reversals ({@code secapi/pay/reverse}),
 * refunds ({@code secapi/pay/refund}, {@code pay/refundquery}) and the day's bill ({@code pay/downloadbill}), with
 * signed payment notifications and refund notifications whose {@code req_info} is encrypted. Answers are signed XML
 * with the request's algorithm; failures of the request itself ({@code return_code=FAIL}) are unsigned, as WeChat Pay
 * sends them.
 */
final class FakeApiV2 {
    /** The operations the fake models that WeChat Pay serves only with the merchant's client certificate. */
    private static final Set<String> SECURED = Set.of("/secapi/pay/refund", "/secapi/pay/reverse");
    /** The operations the fake answers; others are not found, as on the APIv3 side. */
    private static final Set<String> MODELLED = Set.of(
            "/pay/unifiedorder",
            "/pay/micropay",
            "/pay/orderquery",
            "/pay/closeorder",
            "/secapi/pay/reverse",
            "/secapi/pay/refund",
            "/pay/refundquery",
            "/pay/downloadbill");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.ofHours(8));
    private static final DateTimeFormatter REFUND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));

    private final String mchid;
    private final String key;
    private final Clock clock;
    private final SecureRandom random;
    private final Payments deliveries;
    private final Map<String, ApiV2Order> orders = new LinkedHashMap<>();
    private final Map<String, V2Refund> refunds = new LinkedHashMap<>();
    private long sequence;
    /** How many order queries a payment-code payer takes to enter the password. */
    private int passwordAfterQueries = 1;

    private final Map<String, Integer> queries = new LinkedHashMap<>();

    /** A refund as the fake keeps it. */
    private record V2Refund(String outRefundNo, String refundId, ApiV2Order order, long fee, String successTime) {}

    FakeApiV2(String mchid, String key, Clock clock, SecureRandom random, Payments deliveries) {
        this.mchid = mchid;
        this.key = key;
        this.clock = clock;
        this.random = random;
        this.deliveries = deliveries;
    }

    String key() {
        return key;
    }

    /** Whether {@code rawPath} is an APIv2 operation the fake answers. */
    static boolean serves(String rawPath) {
        return MODELLED.contains(rawPath);
    }

    /**
     * The answer to an APIv2 request.
     *
     * @param trusted the merchant's API certificate; {@code presented} must be it on a secured operation
     */
    byte[] answer(String rawPath, byte[] body, X509Certificate presented, X509Certificate trusted) {
        Map<String, String> request;
        try {
            request = V2Wire.read(body);
        } catch (IllegalArgumentException e) {
            return fail("XML格式错误");
        }
        String signType = request.getOrDefault("sign_type", "");
        if (signType.isEmpty()) {
            signType = V2Wire.MD5;
        } else if (!signType.equals(V2Wire.MD5) && !signType.equals(V2Wire.HMAC_SHA256)) {
            return fail("sign_type参数错误");
        }
        if (!mchid.equals(request.getOrDefault("mch_id", request.get("mchid")))) {
            return fail("mch_id参数错误");
        }
        if (!V2Wire.sign(request, signType, key).equals(request.get("sign"))) {
            return fail("签名错误");
        }
        if (SECURED.contains(rawPath) && (presented == null || !presented.equals(trusted))) {
            return fail("证书错误: this operation requires the merchant's API certificate in the TLS handshake");
        }
        if (rawPath.equals("/pay/downloadbill")) {
            return bill(request);
        }
        Map<String, String> result;
        synchronized (this) {
            result = switch (rawPath) {
                case "/pay/unifiedorder" -> unifiedOrder(request);
                case "/pay/micropay" -> micropay(request);
                case "/pay/orderquery" -> orderQuery(request);
                case "/pay/closeorder" -> closeOrder(request);
                case "/secapi/pay/reverse" -> reverse(request);
                case "/secapi/pay/refund" -> refund(request);
                case "/pay/refundquery" -> refundQuery(request);
                default -> null;
            };
        }
        if (result == null) {
            return fail("the fake WeChat Pay does not model " + rawPath);
        }
        if (result.containsKey("return_msg")) { // a missing parameter: the request itself failed
            return V2Wire.write(Map.of("return_code", "FAIL", "return_msg", result.get("return_msg")));
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("return_code", "SUCCESS");
        answer.put("return_msg", "OK");
        if (request.containsKey("appid")) {
            answer.put("appid", request.get("appid"));
        }
        answer.put("mch_id", mchid);
        answer.put("nonce_str", Crypto.alphanumeric(random, 32));
        answer.putAll(result);
        answer.put("sign", V2Wire.sign(answer, signType, key));
        return V2Wire.write(answer);
    }

    private static byte[] fail(String message) {
        return V2Wire.write(Map.of("return_code", "FAIL", "return_msg", message));
    }

    private static Map<String, String> missing(Map<String, String> request, String... names) {
        for (String name : names) {
            if (request.getOrDefault(name, "").isEmpty()) {
                return Map.of("return_msg", "缺少参数" + name);
            }
        }
        return null;
    }

    private static Map<String, String> business(String code, String description) {
        return Map.of("result_code", "FAIL", "err_code", code, "err_code_des", description);
    }

    private Map<String, String> unifiedOrder(Map<String, String> r) {
        Map<String, String> missing =
                missing(r, "body", "out_trade_no", "total_fee", "spbill_create_ip", "notify_url", "trade_type");
        if (missing != null) {
            return missing;
        }
        ApiV2Order existing = orders.get(r.get("out_trade_no"));
        if (existing != null && !existing.tradeState().equals("NOTPAY")) {
            return business("ORDERPAID", "该订单已支付");
        }
        String prepayId = "wx" + TIME.format(clock.instant()) + Crypto.alphanumeric(random, 18);
        ApiV2Order order = new ApiV2Order(
                r.get("out_trade_no"),
                null,
                "NOTPAY",
                Long.parseLong(r.get("total_fee")),
                r.get("trade_type"),
                r.get("openid"),
                r.get("notify_url"),
                r.getOrDefault("sign_type", V2Wire.MD5),
                null);
        orders.put(order.outTradeNo(), order);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("result_code", "SUCCESS");
        out.put("trade_type", order.tradeType());
        out.put("prepay_id", prepayId);
        if (order.tradeType().equals("NATIVE")) {
            out.put("code_url", "weixin://wxpay/bizpayurl?pr=" + Crypto.alphanumeric(random, 7));
        } else if (order.tradeType().equals("MWEB")) {
            out.put("mweb_url", "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + prepayId);
        }
        return out;
    }

    private Map<String, String> micropay(Map<String, String> r) {
        Map<String, String> missing = missing(r, "body", "out_trade_no", "total_fee", "spbill_create_ip", "auth_code");
        if (missing != null) {
            return missing;
        }
        if (!r.get("auth_code").matches("1[0-5][0-9]{16}")) {
            return business("AUTH_CODE_INVALID", "付款码无效，请重新扫码");
        }
        ApiV2Order existing = orders.get(r.get("out_trade_no"));
        if (existing != null && existing.tradeState().equals("SUCCESS")) {
            return business("ORDERPAID", "该订单已支付");
        }
        orders.put(
                r.get("out_trade_no"),
                new ApiV2Order(
                        r.get("out_trade_no"),
                        null,
                        "USERPAYING",
                        Long.parseLong(r.get("total_fee")),
                        "MICROPAY",
                        "o" + Crypto.alphanumeric(random, 27),
                        null,
                        r.getOrDefault("sign_type", V2Wire.MD5),
                        null));
        return business("USERPAYING", "需要用户输入支付密码");
    }

    private Map<String, String> orderQuery(Map<String, String> r) {
        ApiV2Order order = find(r);
        if (order == null) {
            return business("ORDERNOTEXIST", "此交易订单号不存在");
        }
        if (order.tradeState().equals("USERPAYING")
                && queries.merge(order.outTradeNo(), 1, Integer::sum) >= passwordAfterQueries) {
            order = paid(order); // the payer entered the password
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("result_code", "SUCCESS");
        out.put("out_trade_no", order.outTradeNo());
        out.put("trade_state", order.tradeState());
        out.put("trade_state_desc", order.tradeState().equals("SUCCESS") ? "支付成功" : "订单未支付");
        out.put("total_fee", Long.toString(order.totalFee()));
        out.put("trade_type", order.tradeType());
        if (order.transactionId() != null) {
            out.put("transaction_id", order.transactionId());
            out.put("openid", order.openid());
            out.put("is_subscribe", "N");
            out.put("bank_type", "OTHERS");
            out.put("cash_fee", Long.toString(order.totalFee()));
            out.put("time_end", order.timeEnd());
        }
        return out;
    }

    private Map<String, String> closeOrder(Map<String, String> r) {
        Map<String, String> missing = missing(r, "out_trade_no");
        if (missing != null) {
            return missing;
        }
        ApiV2Order order = orders.get(r.get("out_trade_no"));
        if (order == null) {
            return business("ORDERNOTEXIST", "订单不存在");
        }
        if (order.tradeState().equals("SUCCESS")) {
            return business("ORDERPAID", "订单已支付，不能发起关单");
        }
        orders.put(order.outTradeNo(), order.withState("CLOSED"));
        return Map.of("result_code", "SUCCESS");
    }

    private Map<String, String> reverse(Map<String, String> r) {
        ApiV2Order order = find(r);
        if (order == null) {
            return business("ORDERNOTEXIST", "订单不存在");
        }
        orders.put(order.outTradeNo(), order.withState("REVOKED"));
        return Map.of("result_code", "SUCCESS", "recall", "N");
    }

    private Map<String, String> refund(Map<String, String> r) {
        Map<String, String> missing = missing(r, "out_refund_no", "total_fee", "refund_fee");
        if (missing != null) {
            return missing;
        }
        ApiV2Order order = find(r);
        if (order == null) {
            return business("ORDERNOTEXIST", "订单不存在");
        }
        if (!order.tradeState().equals("SUCCESS") && !order.tradeState().equals("REFUND")) {
            return business("TRADE_STATE_ERROR", "订单状态错误");
        }
        long fee = Long.parseLong(r.get("refund_fee"));
        long refunded = refunds.values().stream()
                .filter(x -> x.order().outTradeNo().equals(order.outTradeNo()))
                .mapToLong(V2Refund::fee)
                .sum();
        V2Refund known = refunds.get(r.get("out_refund_no"));
        if (known == null) {
            if (Long.parseLong(r.get("total_fee")) != order.totalFee()
                    || fee <= 0
                    || refunded + fee > order.totalFee()) {
                return business("INVALID_REQUEST", "退款金额大于支付金额");
            }
            known = new V2Refund(
                    r.get("out_refund_no"),
                    "50000" + String.format("%023d", ++sequence),
                    order,
                    fee,
                    REFUND_TIME.format(clock.instant()));
            refunds.put(known.outRefundNo(), known);
            orders.put(order.outTradeNo(), order.withState("REFUND"));
            String url = r.get("notify_url");
            if (url != null && !url.isEmpty()) {
                notifyRefund(known, r.get("appid"), URI.create(url));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("result_code", "SUCCESS");
        out.put("transaction_id", order.transactionId());
        out.put("out_trade_no", order.outTradeNo());
        out.put("out_refund_no", known.outRefundNo());
        out.put("refund_id", known.refundId());
        out.put("refund_fee", Long.toString(known.fee()));
        out.put("total_fee", Long.toString(order.totalFee()));
        out.put("cash_fee", Long.toString(order.totalFee()));
        return out;
    }

    private Map<String, String> refundQuery(Map<String, String> r) {
        List<V2Refund> found = refunds.values().stream()
                .filter(x -> x.outRefundNo().equals(r.get("out_refund_no"))
                        || x.refundId().equals(r.get("refund_id"))
                        || x.order().outTradeNo().equals(r.get("out_trade_no"))
                        || x.order().transactionId().equals(r.get("transaction_id")))
                .toList();
        if (found.isEmpty()) {
            return business("REFUNDNOTEXIST", "退款订单查询失败");
        }
        ApiV2Order order = found.get(0).order();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("result_code", "SUCCESS");
        out.put("transaction_id", order.transactionId());
        out.put("out_trade_no", order.outTradeNo());
        out.put("total_fee", Long.toString(order.totalFee()));
        out.put("cash_fee", Long.toString(order.totalFee()));
        out.put("refund_count", Integer.toString(found.size()));
        for (int i = 0; i < found.size(); i++) {
            V2Refund x = found.get(i);
            out.put("out_refund_no_" + i, x.outRefundNo());
            out.put("refund_id_" + i, x.refundId());
            out.put("refund_fee_" + i, Long.toString(x.fee()));
            out.put("refund_status_" + i, "SUCCESS");
            out.put("refund_success_time_" + i, x.successTime());
        }
        return out;
    }

    /**
     * The day's trade bill as WeChat Pay serves it: a byte order mark, then CSV with a {@code `} before every value,
     * the orders paid that day (Beijing time), then the totals; gzip with {@code tar_type=GZIP}. No paid order that
     * day: {@code No Bill Exist}, {@code error_code} 20002, in XML.
     */
    private synchronized byte[] bill(Map<String, String> r) {
        String date = r.getOrDefault("bill_date", "");
        if (!date.matches("[0-9]{8}")) {
            return V2Wire.write(
                    Map.of("return_code", "FAIL", "return_msg", "invalid bill_date", "error_code", "20001"));
        }
        List<ApiV2Order> paid = orders.values().stream()
                .filter(o -> o.timeEnd() != null && o.timeEnd().startsWith(date))
                .toList();
        if (paid.isEmpty()) {
            return V2Wire.write(Map.of("return_code", "FAIL", "return_msg", "No Bill Exist", "error_code", "20002"));
        }
        StringBuilder csv =
                new StringBuilder("\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,"
                        + "微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
        long total = 0;
        for (ApiV2Order o : paid) {
            String t = o.timeEnd();
            String when = t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + " "
                    + t.substring(8, 10) + ":" + t.substring(10, 12) + ":" + t.substring(12, 14);
            String yuan = yuan(o.totalFee());
            String fee = yuan(Math.round(o.totalFee() * 0.006));
            List<String> row = List.of(
                    when,
                    r.getOrDefault("appid", ""),
                    mchid,
                    "0",
                    "",
                    o.transactionId(),
                    o.outTradeNo(),
                    o.openid(),
                    o.tradeType(),
                    "SUCCESS",
                    "OTHERS",
                    "CNY",
                    yuan,
                    "0.00",
                    "0",
                    "0",
                    "0.00",
                    "0.00",
                    "",
                    "",
                    "商品",
                    "",
                    fee,
                    "0.60%",
                    yuan,
                    "0.00",
                    "");
            csv.append(String.join(",", row.stream().map(v -> "`" + v).toList()))
                    .append("\r\n");
            total += o.totalFee();
        }
        csv.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n")
                .append(String.join(
                        ",",
                        List.of(
                                        Integer.toString(paid.size()),
                                        yuan(total),
                                        "0.00",
                                        "0.00",
                                        yuan(Math.round(total * 0.006)),
                                        yuan(total),
                                        "0.00")
                                .stream()
                                .map(v -> "`" + v)
                                .toList()))
                .append("\r\n");
        byte[] text = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!"GZIP".equals(r.get("tar_type"))) {
            return text;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private ApiV2Order find(Map<String, String> r) {
        String transactionId = r.get("transaction_id");
        if (transactionId != null && !transactionId.isEmpty()) {
            return orders.values().stream()
                    .filter(o -> transactionId.equals(o.transactionId()))
                    .findFirst()
                    .orElse(null);
        }
        return orders.get(r.getOrDefault("out_trade_no", ""));
    }

    /** The order paid now, recorded. */
    private ApiV2Order paid(ApiV2Order order) {
        String transactionId = "42000" + String.format("%023d", ++sequence);
        ApiV2Order done = new ApiV2Order(
                order.outTradeNo(),
                transactionId,
                "SUCCESS",
                order.totalFee(),
                order.tradeType(),
                order.openid() != null ? order.openid() : "o" + Crypto.alphanumeric(random, 27),
                order.notifyUrl(),
                order.signType(),
                TIME.format(clock.instant()));
        orders.put(done.outTradeNo(), done);
        return done;
    }

    /** Pays a {@code pay/unifiedorder} order and delivers its signed payment notification to its {@code notify_url}. */
    ApiV2Order pay(String outTradeNo) {
        ApiV2Order done;
        synchronized (this) {
            ApiV2Order order = orders.get(outTradeNo);
            if (order == null || !order.tradeState().equals("NOTPAY")) {
                throw new IllegalStateException(
                        "no unpaid APIv2 order " + outTradeNo + " on the fake WeChat Pay server");
            }
            done = paid(order);
        }
        Map<String, String> n = new LinkedHashMap<>();
        n.put("return_code", "SUCCESS");
        n.put("mch_id", mchid);
        n.put("nonce_str", Crypto.alphanumeric(random, 32));
        n.put("result_code", "SUCCESS");
        n.put("openid", done.openid());
        n.put("is_subscribe", "N");
        n.put("trade_type", done.tradeType());
        n.put("bank_type", "OTHERS");
        n.put("total_fee", Long.toString(done.totalFee()));
        n.put("cash_fee", Long.toString(done.totalFee()));
        n.put("transaction_id", done.transactionId());
        n.put("out_trade_no", done.outTradeNo());
        n.put("time_end", done.timeEnd());
        if (done.signType().equals(V2Wire.HMAC_SHA256)) {
            n.put("sign_type", V2Wire.HMAC_SHA256);
        }
        n.put("sign", V2Wire.sign(n, done.signType(), key));
        deliveries.deliverXml(
                done.transactionId(),
                "APIV2.TRANSACTION",
                done.outTradeNo(),
                URI.create(done.notifyUrl()),
                V2Wire.write(n));
        return done;
    }

    private void notifyRefund(V2Refund refund, String appid, URI url) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("transaction_id", refund.order().transactionId());
        info.put("out_trade_no", refund.order().outTradeNo());
        info.put("refund_id", refund.refundId());
        info.put("out_refund_no", refund.outRefundNo());
        info.put("total_fee", Long.toString(refund.order().totalFee()));
        info.put("refund_fee", Long.toString(refund.fee()));
        info.put("settlement_refund_fee", Long.toString(refund.fee()));
        info.put("refund_status", "SUCCESS");
        info.put("success_time", refund.successTime());
        info.put("refund_recv_accout", "支付用户零钱");
        info.put("refund_account", "REFUND_SOURCE_RECHARGE_FUNDS");
        info.put("refund_request_source", "API");
        Map<String, String> n = new LinkedHashMap<>();
        n.put("return_code", "SUCCESS");
        if (appid != null) {
            n.put("appid", appid);
        }
        n.put("mch_id", mchid);
        n.put("nonce_str", Crypto.alphanumeric(random, 32));
        n.put("req_info", V2Wire.reqInfo(info, key));
        deliveries.deliverXml(refund.refundId(), "APIV2.REFUND", refund.outRefundNo(), url, V2Wire.write(n));
    }

    /** A refund made outside the API (on the merchant platform), notified to {@code notifyUrl}; its refund ID. */
    synchronized String refundOutside(String outTradeNo, String outRefundNo, long fee, String notifyUrl) {
        ApiV2Order order = orders.get(outTradeNo);
        if (order == null) {
            throw new IllegalStateException("no APIv2 order " + outTradeNo + " on the fake WeChat Pay server");
        }
        Map<String, String> result = refund(Map.of(
                "out_trade_no", outTradeNo,
                "out_refund_no", outRefundNo,
                "total_fee", Long.toString(order.totalFee()),
                "refund_fee", Long.toString(fee),
                "notify_url", notifyUrl));
        if (!"SUCCESS".equals(result.get("result_code"))) {
            throw new IllegalStateException("the fake refused the refund: " + result);
        }
        return result.get("refund_id");
    }

    synchronized Optional<ApiV2Order> order(String outTradeNo) {
        return Optional.ofNullable(orders.get(outTradeNo));
    }

    synchronized void passwordAfterQueries(int n) {
        this.passwordAfterQueries = n;
    }

    synchronized void reset() {
        orders.clear();
        refunds.clear();
        queries.clear();
        passwordAfterQueries = 1;
    }
}
