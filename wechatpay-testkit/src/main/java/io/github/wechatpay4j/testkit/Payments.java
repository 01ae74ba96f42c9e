package io.github.wechatpay4j.testkit;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fake server's business state: orders, refunds and notification deliveries, with the answers WeChat Pay gives
 * for them (including its business errors). One per server; every method is thread-safe (state changes are
 * serialised on this object; deliveries wait on the server's scheduler and run on its worker pool).
 */
final class Payments {
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    /** WeChat Pay's retry schedule for unanswered notifications (15 s … 6 h), compressed 1000 times by default. */
    static final List<Duration> WECHAT_PAY_SCHEDULE = List.of(
            Duration.ofSeconds(15),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(3),
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(60),
            Duration.ofHours(3),
            Duration.ofHours(3),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(6));

    private final FakeWechatPay server;
    private final String mchid;
    private final Clock clock;
    private final SecureRandom random;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private HttpClient http;
    private final Map<String, OrderState> orders = new LinkedHashMap<>();
    private final Map<String, String> byTransactionId = new LinkedHashMap<>();
    private final Map<String, RefundState> refunds = new LinkedHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private List<Duration> retrySchedule =
            WECHAT_PAY_SCHEDULE.stream().map(d -> d.dividedBy(1000)).toList();
    private boolean autoCompleteRefunds = true;
    private long sequence;

    private static final class OrderState {
        final String outTradeNo;
        final String tradeType;
        final Map<String, Object> request;
        final String prepayId;
        final String codeUrl;
        final String h5Url;
        String state = "NOTPAY";
        String transactionId;
        String openid;
        Instant successTime;
        long refunded;

        OrderState(
                String outTradeNo,
                String tradeType,
                Map<String, Object> request,
                String prepayId,
                String codeUrl,
                String h5Url) {
            this.outTradeNo = outTradeNo;
            this.tradeType = tradeType;
            this.request = request;
            this.prepayId = prepayId;
            this.codeUrl = codeUrl;
            this.h5Url = h5Url;
        }

        long total() {
            return ((Number) ((Map<?, ?>) request.get("amount")).get("total")).longValue();
        }

        String string(String name) {
            Object v = request.get(name);
            return v instanceof String s ? s : null;
        }
    }

    private static final class RefundState {
        final String outRefundNo;
        final String refundId;
        final OrderState order;
        final long refund;
        final Map<String, Object> request;
        final Instant createTime;
        String status = "PROCESSING";
        Instant successTime;

        RefundState(
                String outRefundNo,
                String refundId,
                OrderState order,
                long refund,
                Map<String, Object> request,
                Instant createTime) {
            this.outRefundNo = outRefundNo;
            this.refundId = refundId;
            this.order = order;
            this.refund = refund;
            this.request = request;
            this.createTime = createTime;
        }
    }

    /** What one delivery attempt posts: the body and its headers. */
    record Post(byte[] body, Map<String, String> headers) {}

    /**
     * One notification being delivered: the same id on every attempt, freshly signed each time (APIv3) or the same
     * body (APIv2). An attempt is delivered on a 2xx, and for APIv2 only when the reply's {@code return_code} is
     * {@code SUCCESS}, as WeChat Pay reads a v2 merchant's reply.
     */
    private final class Job {
        final String id;
        final String eventType;
        final Function<Instant, Post> post;
        final boolean xmlReply;
        final String businessKey;
        final URI url;
        final List<Integer> attempts = new ArrayList<>();
        final CompletableFuture<NotificationDelivery> done = new CompletableFuture<>();
        NotificationDelivery.State state = NotificationDelivery.State.PENDING;

        Job(FakeNotification notification, String businessKey, URI url) {
            this(
                    notification.id(),
                    notification.eventType(),
                    at -> {
                        FakeNotification signed = notification.withTimestamp(at);
                        return new Post(signed.body(), signed.headers());
                    },
                    false,
                    businessKey,
                    url);
        }

        Job(String id, String eventType, Function<Instant, Post> post, boolean xmlReply, String businessKey, URI url) {
            this.id = id;
            this.eventType = eventType;
            this.post = post;
            this.xmlReply = xmlReply;
            this.businessKey = businessKey;
            this.url = url;
        }

        NotificationDelivery snapshot() {
            synchronized (Payments.this) {
                return new NotificationDelivery(id, eventType, businessKey, url, attempts, state);
            }
        }

        void attempt() {
            int status;
            boolean accepted;
            try {
                Post p = post.apply(clock.instant());
                HttpRequest.Builder request = HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()));
                p.headers().forEach(request::header);
                HttpResponse<byte[]> reply = http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = reply.statusCode();
                accepted = status >= 200 && status < 300 && (!xmlReply || acceptsXml(reply.body()));
            } catch (IOException | IllegalArgumentException e) {
                status = -1;
                accepted = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Duration wait = null;
            synchronized (Payments.this) {
                attempts.add(status);
                if (accepted) {
                    state = NotificationDelivery.State.DELIVERED;
                } else if (attempts.size() > retrySchedule.size()) {
                    state = NotificationDelivery.State.GAVE_UP;
                } else {
                    wait = retrySchedule.get(attempts.size() - 1);
                }
            }
            if (wait == null) {
                done.complete(snapshot());
            } else {
                later(this::attempt, wait);
            }
        }
    }

    /**
     * @param scheduler only waits: a due delivery hops to {@code workers}
     * @param workers   runs deliveries and the notification client's exchanges; unbounded, so that deliveries in
     *                  flight at once never wait on each other (a 2-thread pool that both ran and carried deliveries
     *                  deadlocked as soon as two endpoints were slow)
     */
    Payments(
            FakeWechatPay server,
            String mchid,
            Clock clock,
            SecureRandom random,
            ScheduledExecutorService scheduler,
            ExecutorService workers) {
        this.server = server;
        this.mchid = mchid;
        this.clock = clock;
        this.random = random;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    /** The client that posts notifications, made on first use (a server that never notifies starts no threads). */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(workers)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return http;
    }

    /** An APIv2 merchant's reply accepts the notification when its {@code return_code} is {@code SUCCESS}. */
    private static boolean acceptsXml(byte[] reply) {
        try {
            return "SUCCESS".equals(V2Wire.read(reply).get("return_code"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Starts delivering an APIv2 notification ({@code body} is the same on every attempt) to {@code url} under
     * {@code eventType} ({@code APIV2.TRANSACTION}, {@code APIV2.REFUND}), on the server's retry schedule.
     */
    void deliverXml(String id, String eventType, String businessKey, URI url, byte[] body) {
        Job job = new Job(
                id, eventType, at -> new Post(body, Map.of("Content-Type", "text/xml")), true, businessKey, url);
        synchronized (this) {
            jobs.add(job);
        }
        later(job::attempt, Duration.ZERO);
    }

    private void later(Runnable task, Duration delay) {
        if (!scheduler.isShutdown()) {
            try {
                scheduler.schedule(
                        () -> {
                            try {
                                workers.execute(task);
                            } catch (RejectedExecutionException e) {
                                // the server is closing
                            }
                        },
                        delay.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // the server is closing
            }
        }
    }

    synchronized void retrySchedule(List<Duration> schedule) {
        this.retrySchedule = List.copyOf(schedule);
    }

    synchronized void autoCompleteRefunds(boolean auto) {
        this.autoCompleteRefunds = auto;
    }

    // ------------------------------------------------------------------ routes

    /** The handler for a business route, or {@code null} when the route is not one of them. */
    FakeResponse.Handler route(String method, String rawPath) {
        String[] s = rawPath.split("/", -1);
        if (method.equals("POST") && s.length == 5 && rawPath.startsWith("/v3/pay/transactions/")) {
            return switch (s[4]) {
                case "jsapi", "native", "app", "h5" -> request -> prepay(s[4], request);
                default -> null;
            };
        }
        if (s.length == 6 && rawPath.startsWith("/v3/pay/transactions/out-trade-no/") && method.equals("GET")) {
            return request -> query(decode(s[5]), null, request);
        }
        if (s.length == 6 && rawPath.startsWith("/v3/pay/transactions/id/") && method.equals("GET")) {
            return request -> query(null, decode(s[5]), request);
        }
        if (s.length == 7
                && rawPath.startsWith("/v3/pay/transactions/out-trade-no/")
                && s[6].equals("close")
                && method.equals("POST")) {
            return request -> close(decode(s[5]), request);
        }
        if (rawPath.equals("/v3/refund/domestic/refunds") && method.equals("POST")) {
            return this::refund;
        }
        if (s.length == 6 && rawPath.startsWith("/v3/refund/domestic/refunds/") && method.equals("GET")) {
            return request -> refundQuery(decode(s[5]));
        }
        return null;
    }

    /** A raw path segment percent-decoded ({@code +} stays a plus sign, as in paths). */
    static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code handler} applied to the request's JSON object body, or {@code PARAM_ERROR} when it is not one. */
    private static FakeResponse withJson(RecordedRequest request, Function<Map<String, Object>, FakeResponse> handler) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(request.bodyAsString());
        } catch (Json.SyntaxError e) {
            return FakeResponse.error(
                    400, "PARAM_ERROR", "请求体格式错误", "/", "", "the body is not a JSON object: " + e.getMessage(), "body");
        }
        return handler.apply(json);
    }

    private static FakeResponse paramError(String field, Object value, String issue, String location) {
        return FakeResponse.error(400, "PARAM_ERROR", "参数错误", field, value, issue, location);
    }

    /** {@code null} when the member at {@code pointer} is a string of 1..{@code max} characters. */
    private static FakeResponse requireString(Map<String, Object> json, String pointer, int max) {
        Object v = at(json, pointer);
        if (v == null) {
            return paramError(pointer, null, "required", "body");
        }
        if (!(v instanceof String s)) {
            return paramError(pointer, v, "must be a string", "body");
        }
        if (s.isEmpty() || s.length() > max) {
            return paramError(pointer, s, "length must be 1.." + max, "body");
        }
        return null;
    }

    private static Object at(Map<String, Object> json, String pointer) {
        Object v = json;
        for (String part : pointer.substring(1).split("/")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    private FakeResponse prepay(String kind, RecordedRequest request) {
        return withJson(request, json -> prepay(kind, json));
    }

    private FakeResponse prepay(String kind, Map<String, Object> json) {
        FakeResponse invalid = validatePrepay(kind, json);
        if (invalid != null) {
            return invalid;
        }
        String outTradeNo = (String) json.get("out_trade_no");
        synchronized (this) {
            OrderState existing = orders.get(outTradeNo);
            if (existing != null) {
                if (!existing.state.equals("NOTPAY")) {
                    return existing.state.equals("CLOSED")
                            ? FakeResponse.error(400, "ORDER_CLOSED", "订单已关闭")
                            : FakeResponse.error(403, "ORDERPAID", "该订单已支付");
                }
                if (!existing.tradeType.equals(tradeType(kind)) || !existing.request.equals(json)) {
                    return FakeResponse.error(403, "OUT_TRADE_NO_USED", "商户订单号重复，请核实商户订单号是否重复提交");
                }
                return prepayAnswer(existing);
            }
            String prepayId = "wx"
                    + DateTimeFormatter.ofPattern("ddHHmmssSSS")
                            .format(clock.instant().atOffset(BEIJING))
                    + Crypto.alphanumeric(random, 21).toLowerCase(Locale.ROOT);
            String codeUrl =
                    kind.equals("native") ? "weixin://wxpay/bizpayurl?pr=" + Crypto.alphanumeric(random, 7) : null;
            String h5Url = kind.equals("h5")
                    ? "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + prepayId + "&package="
                            + (100000000 + random.nextInt(900000000))
                    : null;
            OrderState order = new OrderState(
                    outTradeNo,
                    tradeType(kind),
                    json,
                    kind.equals("jsapi") || kind.equals("app") ? prepayId : null,
                    codeUrl,
                    h5Url);
            orders.put(outTradeNo, order);
            return prepayAnswer(order);
        }
    }

    private static String tradeType(String kind) {
        return kind.equals("h5") ? "MWEB" : kind.toUpperCase(Locale.ROOT);
    }

    private static FakeResponse prepayAnswer(OrderState order) {
        if (order.codeUrl != null) {
            return FakeResponse.ok(Json.write(Map.of("code_url", order.codeUrl)));
        }
        if (order.h5Url != null) {
            return FakeResponse.ok(Json.write(Map.of("h5_url", order.h5Url)));
        }
        return FakeResponse.ok(Json.write(Map.of("prepay_id", order.prepayId)));
    }

    private FakeResponse validatePrepay(String kind, Map<String, Object> json) {
        for (String field : List.of("/appid", "/mchid", "/description", "/out_trade_no", "/notify_url")) {
            FakeResponse e = requireString(
                    json, field, field.equals("/description") ? 127 : field.equals("/notify_url") ? 255 : 32);
            if (e != null) {
                return e;
            }
        }
        if (!mchid.equals(json.get("mchid"))) {
            return paramError("/mchid", json.get("mchid"), "must be the merchant of the Authorization header", "body");
        }
        String outTradeNo = (String) json.get("out_trade_no");
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            return paramError("/out_trade_no", outTradeNo, "6 to 32 characters of 0-9 A-Z a-z _ - | *", "body");
        }
        String notifyUrl = (String) json.get("notify_url");
        String urlProblem = notifyUrlProblem(notifyUrl);
        if (urlProblem != null) {
            return paramError("/notify_url", notifyUrl, urlProblem, "body");
        }
        Object amount = json.get("amount");
        if (!(amount instanceof Map)) {
            return paramError("/amount", amount, "required object", "body");
        }
        Object total = at(json, "/amount/total");
        if (!(total instanceof Long t)) {
            return paramError("/amount/total", total, "required integer (fen)", "body");
        }
        if (t < 1) {
            return paramError("/amount/total", t, "must be at least 1", "body");
        }
        Object currency = at(json, "/amount/currency");
        if (currency != null && !"CNY".equals(currency)) {
            return paramError("/amount/currency", currency, "must be CNY", "body");
        }
        Object timeExpire = json.get("time_expire");
        if (timeExpire != null) {
            try {
                OffsetDateTime.parse(String.valueOf(timeExpire), RFC3339);
            } catch (DateTimeParseException e) {
                return paramError("/time_expire", timeExpire, "must be an RFC 3339 time", "body");
            }
        }
        if (kind.equals("jsapi")) {
            FakeResponse e = requireString(json, "/payer/openid", 128);
            if (e != null) {
                return e;
            }
        }
        if (kind.equals("h5")) {
            FakeResponse e = requireString(json, "/scene_info/payer_client_ip", 45);
            if (e == null) {
                e = requireString(json, "/scene_info/h5_info/type", 32);
            }
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /**
     * WeChat Pay accepts only HTTPS notification URLs without a query; the fake also takes plain HTTP to a loopback
     * address, where tests listen.
     */
    static String notifyUrlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL";
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return "must be an absolute URL";
        }
        if (uri.getRawQuery() != null) {
            return "must not carry a query";
        }
        if (uri.getScheme().equalsIgnoreCase("https")) {
            return null;
        }
        if (uri.getScheme().equalsIgnoreCase("http") && isLoopback(uri.getHost())) {
            return null;
        }
        return "must be https (the fake also accepts http to a loopback address)";
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private FakeResponse requireMchidQuery(RecordedRequest request) {
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        for (String pair : query.split("&")) {
            if (pair.equals("mchid=" + mchid)) {
                return null;
            }
            if (pair.startsWith("mchid=")) {
                return paramError(
                        "mchid", pair.substring(6), "must be the merchant of the Authorization header", "query");
            }
        }
        return paramError("mchid", null, "required", "query");
    }

    private FakeResponse query(String outTradeNo, String transactionId, RecordedRequest request) {
        FakeResponse invalid = requireMchidQuery(request);
        if (invalid != null) {
            return invalid;
        }
        synchronized (this) {
            OrderState order =
                    outTradeNo != null ? orders.get(outTradeNo) : orders.get(byTransactionId.get(transactionId));
            if (order == null) {
                return FakeResponse.error(404, "ORDER_NOT_EXIST", "订单不存在");
            }
            return FakeResponse.ok(Json.write(orderJson(order)));
        }
    }

    private Map<String, Object> orderJson(OrderState order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("appid", order.string("appid"));
        json.put("mchid", mchid);
        json.put("out_trade_no", order.outTradeNo);
        if (order.transactionId != null) {
            json.put("transaction_id", order.transactionId);
        }
        json.put("trade_type", order.tradeType);
        json.put("trade_state", order.state);
        json.put(
                "trade_state_desc",
                switch (order.state) {
                    case "SUCCESS" -> "支付成功";
                    case "CLOSED" -> "订单已关闭";
                    case "REFUND" -> "转入退款";
                    default -> "订单未支付";
                });
        if (order.successTime != null) {
            json.put("bank_type", "OTHERS");
        }
        json.put("attach", order.string("attach") == null ? "" : order.string("attach"));
        if (order.successTime != null) {
            json.put("success_time", RFC3339.format(order.successTime.atOffset(BEIJING)));
            json.put("payer", Map.of("openid", order.openid));
        }
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", order.total());
        if (order.successTime != null) {
            amount.put("payer_total", order.total());
        }
        amount.put("currency", "CNY");
        amount.put("payer_currency", "CNY");
        json.put("amount", amount);
        return json;
    }

    private FakeResponse close(String outTradeNo, RecordedRequest request) {
        return withJson(request, json -> close(outTradeNo, json));
    }

    private FakeResponse close(String outTradeNo, Map<String, Object> json) {
        if (!mchid.equals(json.get("mchid"))) {
            return paramError(
                    "/mchid", json.get("mchid"), "required: the merchant of the Authorization header", "body");
        }
        synchronized (this) {
            OrderState order = orders.get(outTradeNo);
            if (order == null) {
                return FakeResponse.error(404, "ORDER_NOT_EXIST", "订单不存在");
            }
            if (order.state.equals("SUCCESS") || order.state.equals("REFUND")) {
                return FakeResponse.error(403, "ORDERPAID", "该订单已支付，不能关闭");
            }
            order.state = "CLOSED";
            return FakeResponse.noContent();
        }
    }

    // ------------------------------------------------------------------ paying (test and control API)

    /** Pays a {@code NOTPAY} order and starts delivering its {@code TRANSACTION.SUCCESS} notification. */
    Order pay(String outTradeNo) {
        Job job;
        Order paid;
        synchronized (this) {
            OrderState order = orders.get(outTradeNo);
            if (order == null) {
                throw new IllegalArgumentException("no order " + outTradeNo + " on the fake WeChat Pay server");
            }
            if (order.state.equals("CLOSED")) {
                throw new IllegalStateException("order " + outTradeNo + " is closed and cannot be paid");
            }
            if (!order.state.equals("NOTPAY")) {
                return snapshot(order);
            }
            order.state = "SUCCESS";
            order.successTime = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            order.transactionId = "42000" + String.format("%05d", ++sequence % 100000)
                    + DateTimeFormatter.ofPattern("yyyyMMdd").format(order.successTime.atOffset(BEIJING))
                    + String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L));
            Object openid = at(order.request, "/payer/openid");
            order.openid = openid instanceof String s ? s : "o" + Crypto.alphanumeric(random, 27);
            byTransactionId.put(order.transactionId, outTradeNo);
            Map<String, Object> resource = orderJson(order);
            job = new Job(
                    server.notification("TRANSACTION.SUCCESS", Json.write(resource)),
                    outTradeNo,
                    URI.create(order.string("notify_url")));
            jobs.add(job);
            paid = snapshot(order);
        }
        later(job::attempt, Duration.ZERO);
        return paid;
    }

    synchronized Optional<Order> order(String outTradeNo) {
        return Optional.ofNullable(orders.get(outTradeNo)).map(this::snapshot);
    }

    synchronized List<Order> orders() {
        return orders.values().stream().map(this::snapshot).toList();
    }

    private Order snapshot(OrderState o) {
        Object openid = at(o.request, "/payer/openid");
        return new Order(
                o.outTradeNo,
                o.tradeType,
                o.state,
                o.string("appid"),
                o.string("description"),
                o.total(),
                o.string("notify_url"),
                o.prepayId,
                o.transactionId,
                o.openid != null ? o.openid : openid instanceof String s ? s : null,
                o.successTime,
                o.refunded);
    }

    // ------------------------------------------------------------------ refunds

    private FakeResponse refund(RecordedRequest request) {
        return withJson(request, this::refund);
    }

    private FakeResponse refund(Map<String, Object> json) {
        FakeResponse invalid = requireString(json, "/out_refund_no", 64);
        if (invalid != null) {
            return invalid;
        }
        String outRefundNo = (String) json.get("out_refund_no");
        if (!OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            return paramError("/out_refund_no", outRefundNo, "1 to 64 characters of 0-9 A-Z a-z _ - | * @", "body");
        }
        Object transactionId = json.get("transaction_id");
        Object outTradeNo = json.get("out_trade_no");
        if (transactionId == null && outTradeNo == null) {
            return paramError("/out_trade_no", null, "transaction_id or out_trade_no is required", "body");
        }
        for (String pointer : List.of("/amount/refund", "/amount/total")) {
            Object v = at(json, pointer);
            if (!(v instanceof Long n) || n < 1) {
                return paramError(pointer, v, "required integer (fen), at least 1", "body");
            }
        }
        if (!"CNY".equals(at(json, "/amount/currency"))) {
            return paramError("/amount/currency", at(json, "/amount/currency"), "required: CNY", "body");
        }
        Object notifyUrl = json.get("notify_url");
        if (notifyUrl != null) {
            String problem = notifyUrl instanceof String u ? notifyUrlProblem(u) : "must be a string";
            if (problem != null) {
                return paramError("/notify_url", notifyUrl, problem, "body");
            }
        }
        long refundFen = (Long) at(json, "/amount/refund");
        long totalFen = (Long) at(json, "/amount/total");
        RefundState refund;
        synchronized (this) {
            RefundState existing = refunds.get(outRefundNo);
            if (existing != null) {
                if (!existing.request.equals(json)) {
                    return FakeResponse.error(400, "INVALID_REQUEST", "退款单号重复，且与原退款请求参数不一致");
                }
                return FakeResponse.ok(Json.write(refundJson(existing)));
            }
            OrderState order = transactionId != null
                    ? orders.get(byTransactionId.get(String.valueOf(transactionId)))
                    : orders.get(String.valueOf(outTradeNo));
            if (order == null) {
                return FakeResponse.error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
            }
            if (outTradeNo != null && !order.outTradeNo.equals(outTradeNo)) {
                return FakeResponse.error(400, "INVALID_REQUEST", "transaction_id与out_trade_no不匹配");
            }
            if (order.successTime == null) {
                return FakeResponse.error(400, "INVALID_REQUEST", "订单未支付，不能退款");
            }
            if (totalFen != order.total()) {
                return FakeResponse.error(
                        400,
                        "INVALID_REQUEST",
                        "订单金额与原订单金额不一致",
                        "/amount/total",
                        totalFen,
                        "must equal the order total " + order.total(),
                        "body");
            }
            if (order.refunded + refundFen > order.total()) {
                return FakeResponse.error(
                        400,
                        "INVALID_REQUEST",
                        "申请退款金额超过订单可退金额",
                        "/amount/refund",
                        refundFen,
                        "at most " + (order.total() - order.refunded) + " fen can still be refunded",
                        "body");
            }
            order.refunded += refundFen;
            order.state = "REFUND";
            refund = new RefundState(
                    outRefundNo,
                    "50"
                            + String.format("%028d", Math.floorMod(random.nextLong(), Long.MAX_VALUE))
                                    .substring(0, 28),
                    order,
                    refundFen,
                    json,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            refunds.put(outRefundNo, refund);
            if (autoCompleteRefunds) {
                later(() -> completeRefund(outRefundNo), Duration.ZERO);
            }
            return FakeResponse.ok(Json.write(refundJson(refund)));
        }
    }

    private Map<String, Object> refundJson(RefundState r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("refund_id", r.refundId);
        json.put("out_refund_no", r.outRefundNo);
        json.put("transaction_id", r.order.transactionId);
        json.put("out_trade_no", r.order.outTradeNo);
        json.put("channel", "ORIGINAL");
        json.put("user_received_account", "支付用户零钱");
        if (r.successTime != null) {
            json.put("success_time", RFC3339.format(r.successTime.atOffset(BEIJING)));
        }
        json.put("create_time", RFC3339.format(r.createTime.atOffset(BEIJING)));
        json.put("status", r.status);
        json.put("funds_account", "AVAILABLE");
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", r.order.total());
        amount.put("refund", r.refund);
        amount.put("from", List.of());
        amount.put("payer_total", r.order.total());
        amount.put("payer_refund", r.refund);
        amount.put("settlement_refund", r.refund);
        amount.put("settlement_total", r.order.total());
        amount.put("discount_refund", 0L);
        amount.put("currency", "CNY");
        json.put("amount", amount);
        json.put("promotion_detail", List.of());
        return json;
    }

    private synchronized FakeResponse refundQuery(String outRefundNo) {
        RefundState refund = refunds.get(outRefundNo);
        if (refund == null) {
            return FakeResponse.error(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
        }
        return FakeResponse.ok(Json.write(refundJson(refund)));
    }

    /** Moves a refund to {@code SUCCESS} and delivers {@code REFUND.SUCCESS} when it has a notify URL. */
    Refund completeRefund(String outRefundNo) {
        Job job = null;
        Refund done;
        synchronized (this) {
            RefundState r = refunds.get(outRefundNo);
            if (r == null) {
                throw new IllegalArgumentException("no refund " + outRefundNo + " on the fake WeChat Pay server");
            }
            if (r.status.equals("SUCCESS")) {
                return snapshot(r);
            }
            r.status = "SUCCESS";
            r.successTime = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Object url = r.request.get("notify_url");
            if (url instanceof String u) {
                Map<String, Object> resource = new LinkedHashMap<>();
                resource.put("mchid", mchid);
                resource.put("out_trade_no", r.order.outTradeNo);
                resource.put("transaction_id", r.order.transactionId);
                resource.put("out_refund_no", r.outRefundNo);
                resource.put("refund_id", r.refundId);
                resource.put("refund_status", "SUCCESS");
                resource.put("success_time", RFC3339.format(r.successTime.atOffset(BEIJING)));
                resource.put("user_received_account", "支付用户零钱");
                resource.put(
                        "amount",
                        Map.of(
                                "total",
                                r.order.total(),
                                "refund",
                                r.refund,
                                "payer_total",
                                r.order.total(),
                                "payer_refund",
                                r.refund));
                job = new Job(server.notification("REFUND.SUCCESS", Json.write(resource)), outRefundNo, URI.create(u));
                jobs.add(job);
            }
            done = snapshot(r);
        }
        if (job != null) {
            later(job::attempt, Duration.ZERO);
        }
        return done;
    }

    synchronized Optional<Refund> refund(String outRefundNo) {
        return Optional.ofNullable(refunds.get(outRefundNo)).map(this::snapshot);
    }

    private Refund snapshot(RefundState r) {
        return new Refund(
                r.outRefundNo,
                r.refundId,
                r.order.outTradeNo,
                r.order.transactionId,
                r.refund,
                r.order.total(),
                r.status,
                r.createTime,
                r.successTime,
                r.request.get("notify_url") instanceof String s ? s : null);
    }

    // ------------------------------------------------------------------ deliveries

    synchronized List<NotificationDelivery> deliveries() {
        List<Job> copy = List.copyOf(jobs);
        List<NotificationDelivery> out = new ArrayList<>();
        for (Job j : copy) {
            out.add(new NotificationDelivery(j.id, j.eventType, j.businessKey, j.url, j.attempts, j.state));
        }
        return out;
    }

    /** Waits until the latest delivery of {@code eventType} for {@code businessKey} is delivered or given up. */
    NotificationDelivery awaitDelivery(String eventType, String businessKey, Duration timeout) {
        Job job;
        synchronized (this) {
            job = jobs.stream()
                    .filter(j -> j.eventType.equals(eventType) && j.businessKey.equals(businessKey))
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
        if (job == null) {
            throw new IllegalStateException("no " + eventType + " notification for " + businessKey
                    + " was started on the fake WeChat Pay server");
        }
        try {
            return job.done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the " + eventType + " notification for " + businessKey
                    + " is still pending after " + timeout + ": " + job.snapshot());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a notification delivery");
        }
    }

    synchronized void reset() {
        orders.clear();
        byTransactionId.clear();
        refunds.clear();
        jobs.clear();
    }

    // ------------------------------------------------------------------ trade bill

    private static final List<String> TRADE_COLUMNS = List.of(
            "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额",
            "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额",
            "申请退款金额", "费率备注");

    /**
     * The trade bill of {@code date} (Beijing time) as WeChat Pay writes it: one line per payment made that day and
     * one per refund completed that day ({@code billType} {@code ALL}, {@code SUCCESS} or {@code REFUND}), then the
     * summary; {@code null} when the day has nothing to bill.
     */
    synchronized byte[] tradeBill(LocalDate date, String billType) {
        Function<Instant, Boolean> onDate =
                t -> t != null && t.atOffset(BEIJING).toLocalDate().equals(date);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        List<List<String>> rows = new ArrayList<>();
        long paidFen = 0;
        long refundFen = 0;
        long count = 0;
        boolean all = billType.equals("ALL");
        if (all || billType.equals("SUCCESS")) {
            for (OrderState o : orders.values()) {
                if (onDate.apply(o.successTime)) {
                    rows.add(row(
                            time.format(o.successTime.atOffset(BEIJING)),
                            o,
                            "SUCCESS",
                            o.total(),
                            "",
                            "",
                            0,
                            "",
                            "",
                            0));
                    paidFen += o.total();
                    count++;
                }
            }
        }
        if (all || billType.equals("REFUND")) {
            List<RefundState> done = refunds.values().stream()
                    .filter(r -> onDate.apply(r.successTime))
                    .sorted(Comparator.comparing(r -> r.successTime))
                    .toList();
            for (RefundState r : done) {
                rows.add(row(
                        time.format(r.successTime.atOffset(BEIJING)),
                        r.order,
                        "REFUND",
                        0,
                        r.refundId,
                        r.outRefundNo,
                        r.refund,
                        "ORIGINAL",
                        "SUCCESS",
                        r.refund));
                refundFen += r.refund;
                count++;
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        rows.sort(Comparator.comparing(r -> r.get(0)));
        // WeChat Pay's bill files start with a UTF-8 byte order mark, as Excel wants it (issue 18)
        StringBuilder csv = new StringBuilder("\uFEFF")
                .append(String.join(",", TRADE_COLUMNS))
                .append("\r\n");
        for (List<String> row : rows) {
            csv.append('`').append(String.join(",`", row)).append("\r\n");
        }
        csv.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
        long fee = Math.round(paidFen * 0.006);
        csv.append('`')
                .append(String.join(
                        ",`",
                        List.of(
                                Long.toString(count),
                                yuan(paidFen),
                                yuan(refundFen),
                                "0.00",
                                yuan(fee),
                                yuan(paidFen),
                                yuan(refundFen))))
                .append("\r\n");
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<String> row(
            String time,
            OrderState o,
            String state,
            long paid,
            String refundId,
            String outRefundNo,
            long refunded,
            String refundType,
            String refundStatus,
            long applied) {
        String attach = o.string("attach");
        return List.of(
                time,
                o.string("appid"),
                mchid,
                "0",
                "",
                o.transactionId,
                o.outTradeNo,
                o.openid,
                o.tradeType,
                state,
                "OTHERS",
                "CNY",
                yuan(paid),
                "0.00",
                refundId,
                outRefundNo,
                yuan(refunded),
                "0.00",
                refundType,
                refundStatus,
                csvSafe(o.string("description")),
                csvSafe(attach == null ? "" : attach),
                yuan(Math.round(paid * 0.006)),
                "0.60%",
                yuan(paid),
                yuan(applied),
                "");
    }

    private static String csvSafe(String text) {
        return text.replace(',', '，').replace('\n', ' ').replace('\r', ' ');
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
