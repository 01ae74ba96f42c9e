package io.github.wechatpay4j.download;

/**
 * An encrypted file's location ({@link EncryptedBillFile}, and the items of the typed sub-merchant and e-commerce
 * fund-flow bill answers): the file is AES-256-GCM encrypted with a key that is itself RSA-OAEP encrypted to the
 * merchant key. {@link Downloads#bill(EncryptedDownloadLocation, java.nio.file.Path)} takes any of them.
 */
public interface EncryptedDownloadLocation extends DownloadLocation {

    /** The AES key, RSA-OAEP encrypted to the merchant key (Base64). */
    String encryptKey();

    /** The AES-GCM nonce. */
    String nonce();
}
