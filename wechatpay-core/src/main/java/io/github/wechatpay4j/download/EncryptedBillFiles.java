package io.github.wechatpay4j.download;

import java.util.List;

/**
 * The answer of {@code GET /v3/bill/sub-merchant-fundflowbill} (and the e-commerce encrypted bills): the files that
 * make up the bill, each downloaded on its own.
 */
public record EncryptedBillFiles(int downloadBillCount, List<EncryptedBillFile> downloadBillList) {
    public EncryptedBillFiles {
        downloadBillList = downloadBillList == null ? List.of() : List.copyOf(downloadBillList);
    }
}
