package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.RsaOaep;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.function.Supplier;

/** The download of an encrypted bill's file: its AES key unwrapped with the merchant private key. */
final class EncryptedBills {

    private EncryptedBills() {
    }

    /** {@code bill}'s download, decrypting, un-gzipped when the decrypted file is gzip, hash checked. */
    static Download download(WechatPay client, Supplier<PrivateKey> merchantKey, EncryptedDownloadLocation bill) {
        if (bill == null) {
            throw new InvalidRequestException("the bill to download is required");
        }
        if (bill.nonce() == null || bill.nonce().isEmpty()) {
            throw new MalformedResponseException("the encrypted bill has no nonce", 200, null, null);
        }
        Download download = client.download(bill).gunzipIfGzipped();
        byte[] key = RsaOaep.decrypt(merchantKey.get(), bill.encryptKey()).getBytes(StandardCharsets.UTF_8);
        if (key.length != 32) {
            throw new DecryptionException("the encrypted bill's key is " + key.length + " bytes, not the 32 of"
                    + " AES-256");
        }
        return download.decrypting(key, bill.nonce().getBytes(StandardCharsets.UTF_8));
    }
}
