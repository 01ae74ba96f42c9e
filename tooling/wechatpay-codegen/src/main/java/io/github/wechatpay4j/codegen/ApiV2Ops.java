package io.github.wechatpay4j.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an APIv2 operation of the spec becomes in the typed API: a call of the client's APIv2 scheme under the
 * {@code v2/} marker ({@code /v2/pay/micropay}), whose request record leaves out what the scheme writes itself
 * ({@code sign}, {@code nonce_str}) and makes optional what it fills in ({@code mch_id}/{@code mchid},
 * {@code appid}, {@code sign_type}); which operations stay untyped, and why.
 */
final class ApiV2Ops {
    /** The marker APIv2 calls are made with, in front of the path on the wire. */
    static final String MARKER = "/v2";

    /** Written by the scheme on every request: never part of a request record. */
    private static final Set<String> WRITTEN = Set.of("sign", "nonce_str");
    /** Filled in by the scheme when absent: optional in a request record. */
    private static final Set<String> FILLED = Set.of("mch_id", "mchid", "combine_mch_id", "appid", "sign_type");

    /** An order named by WeChat Pay's or the merchant's number: either (二选一). */
    private static final List<String> TRADE_IDS = List.of("transaction_id", "out_trade_no");
    /** A refund query also takes a refund's numbers instead (四选一). */
    private static final List<String> REFUND_IDS = List.of("out_refund_no", "refund_id");

    private ApiV2Ops() {}

    /** {@code op} as the typed API calls it. */
    static Spec.Operation typed(Spec.Operation op) {
        return new Spec.Operation(
                op.api(),
                op.method(),
                MARKER + op.path(),
                op.summary(),
                op.docUrl(),
                op.host(),
                op.deprecated(),
                op.consumes(),
                op.produces(),
                op.unsigned(),
                op.certificateRequired(),
                op.serialRequired(),
                op.idempotencyKey(),
                op.businessKey(),
                op.upload(),
                parameters(op.parameters()),
                request(op.path(), op.body()),
                op.status(),
                answer(op.response()));
    }

    /** Whether {@code op} is a page a payer's browser opens (a GET without an answer): typed as its signed link. */
    static boolean isPage(Spec.Operation op) {
        return op.api().equals("v2")
                && op.method().equals("GET")
                && (op.response() == null || op.response().properties().isEmpty());
    }

    /**
     * A GET's query parameters or an upload's form fields without what the scheme writes (an upload's
     * {@code media_hash} too: the file's MD5), and what it fills in optional.
     */
    private static List<Spec.Parameter> parameters(List<Spec.Parameter> parameters) {
        List<Spec.Parameter> out = new ArrayList<>();
        for (Spec.Parameter p : parameters) {
            boolean field = p.in().equals("query") || p.in().equals("form");
            if (field
                    && (WRITTEN.contains(p.name())
                            || p.in().equals("form") && p.name().equals("media_hash"))) {
                continue;
            }
            out.add(field && FILLED.contains(p.name()) ? new Spec.Parameter(p.name(), p.in(), false, p.schema()) : p);
        }
        return out;
    }

    /**
     * The answer's schema without its indexed fields ({@code coupon_fee_$n}, {@code coupon_refund_id_$n_$m}), which
     * no record component can name: they stay in the answer's fields ({@code chain(path).post(…).asMap()}); a field
     * with nested elements ({@code hblist}, {@code mchinfo}) is its elements' XML text, as the APIv2 reader keeps it.
     */
    private static Spec.Schema answer(Spec.Schema response) {
        if (response == null
                || response.properties().entrySet().stream()
                        .noneMatch(e -> e.getKey().contains("$") || nested(e.getValue()))) {
            return response;
        }
        Map<String, Spec.Schema> properties = new LinkedHashMap<>();
        response.properties().forEach((name, schema) -> {
            if (!name.contains("$")) {
                properties.put(
                        name,
                        nested(schema)
                                ? new Spec.Schema("string", null, null, null, null, null, null, false, null, null)
                                : schema);
            }
        });
        List<String> required = new ArrayList<>(response.required());
        required.removeIf(n -> n.contains("$"));
        return new Spec.Schema(
                response.type(),
                response.format(),
                response.enumValues(),
                required,
                properties,
                response.items(),
                response.example(),
                response.encrypted(),
                response.maxLength(),
                response.pattern());
    }

    private static boolean nested(Spec.Schema s) {
        return s.isObject() || "array".equals(s.type());
    }

    /**
     * The request's schema without what the scheme writes, and with the identifiers WeChat Pay's APIv2 documentation
     * gives as alternatives made optional: the spec requires each of them, the documentation one of them
     * ({@code transaction_id} or {@code out_trade_no}, 二选一, as in 查询订单
     * https://pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=9_2 and 申请退款 chapter=9_4; a refund query's
     * {@code transaction_id}, {@code out_trade_no}, {@code out_refund_no} or {@code refund_id}, 四选一, chapter=9_5).
     */
    private static Spec.Schema request(String path, Spec.Schema body) {
        if (body == null || !body.isObject()) {
            return body;
        }
        Map<String, Spec.Schema> properties = new LinkedHashMap<>(body.properties());
        WRITTEN.forEach(properties::remove);
        List<String> required = new ArrayList<>(body.required());
        required.removeIf(name -> WRITTEN.contains(name) || FILLED.contains(name) || !properties.containsKey(name));
        if (required.containsAll(TRADE_IDS)) {
            required.removeAll(TRADE_IDS);
            if (path.endsWith("/refundquery") || path.endsWith("/refundqueryv2")) {
                required.removeAll(REFUND_IDS);
            }
        }
        return new Spec.Schema(
                body.type(),
                body.format(),
                body.enumValues(),
                required,
                properties,
                body.items(),
                body.example(),
                body.encrypted(),
                body.maxLength(),
                body.pattern());
    }
}
