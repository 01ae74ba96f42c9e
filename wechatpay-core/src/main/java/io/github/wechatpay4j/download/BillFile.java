package io.github.wechatpay4j.download;

/**
 * Where to download a bill, as {@code GET /v3/bill/tradebill} and {@code GET /v3/bill/fundflowbill} (and their
 * service-provider forms) answer: read it with {@code response.as(BillFile.class)} and hand it to
 * {@link Downloads#bill(DownloadLocation, java.nio.file.Path)}. The download URL lives about 30 seconds.
 *
 * @param hashType    {@code SHA1}
 * @param hashValue   hex SHA-1 of the bill's (un-gzipped) bytes
 * @param downloadUrl the {@code /v3/billdownload/file?token=…} URL on the API host
 */
public record BillFile(String hashType, String hashValue, String downloadUrl) implements DownloadLocation {

    @Override
    public String hashAlgorithm() {
        return hashType;
    }
}
