package io.github.wechatpay4j;

import java.util.Map;

/**
 * The fields of an APIv2 body ({@link Options#xml}), kept in order, values as text; the scheme that serves the call
 * writes and signs them (core itself writes no XML).
 */
record XmlFields(Map<String, String> fields) {}
