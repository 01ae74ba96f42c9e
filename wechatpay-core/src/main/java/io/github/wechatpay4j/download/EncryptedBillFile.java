package io.github.wechatpay4j.download;

/**
 * One file of an encrypted bill (the sub-merchant fund-flow bill and the e-commerce ones asked for with
 * {@code algorithm=AEAD_AES_256_GCM}): the file is AES-256-GCM encrypted with a key that is itself RSA-OAEP encrypted to
 * the merchant key. Hand it to {@link Downloads#bill(EncryptedDownloadLocation, java.nio.file.Path)}.
 *
 * @param billSequence the file's number within the bill
 * @param downloadUrl  the download URL on the API host
 * @param encryptKey   the AES key, RSA-OAEP encrypted to the merchant key (Base64)
 * @param hashType     {@code SHA1}
 * @param hashValue    hex SHA-1 of the decrypted (and un-gzipped) bill
 * @param nonce        the AES-GCM nonce
 */
public record EncryptedBillFile(
        long billSequence, String downloadUrl, String encryptKey, String hashType, String hashValue, String nonce)
        implements EncryptedDownloadLocation {

    @Override
    public String hashAlgorithm() {
        return hashType;
    }

    @Override
    public String toString() {
        return "EncryptedBillFile[" + billSequence + ", " + hashType + " " + hashValue + "]";
    }
}
