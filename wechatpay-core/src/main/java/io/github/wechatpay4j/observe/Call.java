package io.github.wechatpay4j.observe;

/**
 * A call as an observer sees it: low-cardinality by design, so it can be a metric's tags.
 *
 * @param method    the HTTP method, upper-case
 * @param operation the path template the call was made with, such as
 *                  {@code /v3/pay/transactions/id/{transaction_id}}: path values stay placeholders (as the typed API
 *                  and {@code Options.path(…)} leave them), so no order or user ID reaches a tag. A caller that writes
 *                  IDs into the path itself puts them here too.
 */
public record Call(String method, String operation) {}
