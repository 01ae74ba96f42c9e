package io.github.wechatpay4j.internal;

/**
 * This build's version, written into the source by Maven from {@code src/main/java-templates}: a constant, so that
 * building a client reads no resource from the jar (the first resource read costs several milliseconds in a fresh JVM).
 */
public final class Release {
    /** The Maven version of wechatpay-core. */
    public static final String VERSION = "${project.version}";

    private Release() {}
}
