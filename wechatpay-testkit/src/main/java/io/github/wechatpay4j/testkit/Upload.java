package io.github.wechatpay4j.testkit;

/**
 * A file the fake server accepted on an upload endpoint.
 *
 * @param endpoint    the raw path
 * @param meta        the {@code meta} part as sent (the JSON the request was signed over)
 * @param filename    the {@code file} part's file name
 * @param contentType the {@code file} part's content type
 * @param content     the file's bytes
 * @param mediaId     the {@code media_id} (or {@code media_url}) the server answered with
 */
public record Upload(
        String endpoint, String meta, String filename, String contentType, byte[] content, String mediaId) {}
