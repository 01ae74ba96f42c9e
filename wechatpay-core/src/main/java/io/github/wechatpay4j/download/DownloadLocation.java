package io.github.wechatpay4j.download;

/**
 * Where a file is and how to check it, as a query answers it: a bill query ({@link BillFile}, the typed
 * {@code tradebill} and {@code fundflowbill} answers), an electronic receipt query, and the other typed answers with
 * {@code download_url}, {@code hash_type} and {@code hash_value}. {@link Downloads#file(DownloadLocation)} and
 * {@link Downloads#bill(DownloadLocation, java.nio.file.Path)} take any of them as they are.
 */
public interface DownloadLocation {

    /** The {@code hash_type}: {@code SHA1} (bills), {@code SHA256} or {@code SM3} (receipts). */
    String hashAlgorithm();

    /** The hex digest of the file's (un-gzipped) bytes. */
    String hashValue();

    /** The URL on the API host; bill URLs live about 30 seconds. */
    String downloadUrl();
}
