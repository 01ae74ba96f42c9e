package io.github.wechatpay4j.internal;

/**
 * Core's loggers, in one class initialised on the first message: {@code System.getLogger} starts the logging backend
 * (about 20 ms and a hundred classes in a fresh JVM), which neither {@code build()} nor a successful call needs.
 */
public final class Logs {
    /** Calls, one name for everything a call logs whichever stage logs it: retries, failed observers, the backup host. */
    public static final System.Logger CLIENT = System.getLogger("io.github.wechatpay4j.WechatPay");

    /** Discovery of the transport and JSON adapters. */
    public static final System.Logger PROVIDERS = System.getLogger("io.github.wechatpay4j.internal.Providers");

    /** Platform certificates: downloads, rotation. */
    public static final System.Logger CERTIFICATES =
            System.getLogger("io.github.wechatpay4j.internal.CertificateStore");

    /** Bill and file downloads. */
    public static final System.Logger DOWNLOADS = System.getLogger("io.github.wechatpay4j.internal.DownloadTargets");

    /** Notifications rejected or failed. */
    public static final System.Logger NOTIFICATIONS =
            System.getLogger("io.github.wechatpay4j.notification.Notifications");

    private Logs() {}
}
