package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;

/**
 * A request ready to send but for its signature, which every attempt adds afresh (new timestamp and nonce) over
 * the same method, path, headers and body bytes. Made by {@link PrepareStage}, signed by {@link SignStage}, sent
 * by {@link ExchangeStage}.
 *
 * @param path      the raw path without the query, for messages
 * @param signed    what is signed: the body itself, or for an upload its meta JSON
 * @param retrySafe a GET, or an operation idempotent by {@code businessKey}
 */
record Prepared(
        String verb,
        String path,
        String pathAndQuery,
        Headers headers,
        byte[] body,
        byte[] signed,
        boolean retrySafe,
        BusinessKey businessKey,
        String idempotencyKey,
        RetryPolicy policy) {

    /** The path on the wire, without the query: what host routing and per-operation rules look up. */
    String wirePath() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
