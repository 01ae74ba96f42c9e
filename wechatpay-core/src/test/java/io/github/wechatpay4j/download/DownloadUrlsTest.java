package io.github.wechatpay4j.download;

import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.WechatPay;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DownloadUrlsTest {

    @Test
    void downloadUrlsMustBeOnTheApiHostWithDefaultPortsUnderstood() {
        String base = "https://api.mch.weixin.qq.com";
        assertEquals(
                "/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO",
                downloadTarget(
                        base,
                        "https://api.mch.weixin.qq.com/v3/billdownload/file?token="
                                + "6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO"));
        assertEquals(
                "/v3/billdownload/file?token=a%2Fb",
                downloadTarget(base, "https://API.mch.weixin.qq.com:443/v3/billdownload/file?token=a%2Fb"),
                "raw query kept as sent");
        for (String foreign : new String[] {
            "http://api.mch.weixin.qq.com/v3/billdownload/file",
            "https://api.mch.weixin.qq.com:8443/v3/billdownload/file",
            "https://api2.wechatpay.cn/v3/x",
            "https://api.mch.weixin.qq.com.evil.com/v3/x",
            "/v3/billdownload/file",
            ""
        }) {
            assertThrows(MalformedResponseException.class, () -> downloadTarget(base, foreign), foreign);
        }
        // issue 18 item 3: a download_url on the configured backup host goes there, signed the same way
        Map.Entry<String, String> backup = DownloadUrls.target(
                base, WechatPay.BACKUP_BASE_URL, "https://api2.wechatpay.cn/v3/billdownload/file?token=t");
        assertEquals(Map.entry(WechatPay.BACKUP_BASE_URL, "/v3/billdownload/file?token=t"), backup);
    }

    private static String downloadTarget(String base, String url) {
        Map.Entry<String, String> target = DownloadUrls.target(base, null, url);
        assertEquals(base, target.getKey());
        return target.getValue();
    }
}
