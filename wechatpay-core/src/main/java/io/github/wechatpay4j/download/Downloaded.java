package io.github.wechatpay4j.download;

/**
 * A file that was downloaded and checked.
 *
 * @param size        its size in bytes as written (decrypted and un-gzipped)
 * @param contentType the answer's {@code Content-Type} ({@code image/jpeg}, {@code text/plain}…), empty when absent
 * @param requestId   the answer's {@code Request-ID} for WeChat Pay support, empty when absent
 */
public record Downloaded(long size, String contentType, String requestId) {
    public Downloaded {
        contentType = contentType == null ? "" : contentType;
        requestId = requestId == null ? "" : requestId;
    }
}
