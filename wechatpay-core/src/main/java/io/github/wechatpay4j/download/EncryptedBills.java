package io.github.wechatpay4j.download;

import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.crypto.MerchantKey;

import java.nio.charset.StandardCharsets;

/** The download of an encrypted bill's file: its AES key unwrapped with the merchant's key. */
final class EncryptedBills {

    private EncryptedBills() {}

    /** {@code download} (of {@code bill}) decrypting with the key {@code merchantKey} unwraps. */
    static Download decrypting(Download download, MerchantKey merchantKey, EncryptedDownloadLocation bill) {
        if (bill.nonce() == null || bill.nonce().isEmpty()) {
            throw new MalformedResponseException("the encrypted bill has no nonce", 200, null, null);
        }
        byte[] key = merchantKey.decrypt(bill.encryptKey()).getBytes(StandardCharsets.UTF_8);
        if (key.length != 32) {
            throw new DecryptionException(
                    "the encrypted bill's key is " + key.length + " bytes, not the 32 of" + " AES-256");
        }
        return download.decrypting(key, bill.nonce().getBytes(StandardCharsets.UTF_8));
    }
}
