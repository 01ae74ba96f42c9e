package io.github.wechatpay4j.crypto;

import java.security.MessageDigest;
import java.util.Set;

/**
 * Makes the message digests a download's hash check needs beyond the JDK's own ({@code SHA1}, {@code SHA256}): SM3
 * for the ShangMi answers (electronic receipts, fapiao files). Found with {@link java.util.ServiceLoader} (the
 * {@code wechatpay-crypto-sm} module registers SM3) or given to {@code WechatPay.Builder.digestProvider}. Core itself
 * stays JDK-only.
 *
 * <p>Implementations must be thread-safe; every call returns a new, independent digest. They must not register a
 * JCA provider ({@code Security.addProvider}): that is global state shared by every merchant in the JVM.
 */
public interface DigestProvider {

    /** The hash types made, spelled as WeChat Pay writes them in {@code hash_type}: {@code SM3}. */
    Set<String> hashTypes();

    /**
     * A new digest for {@code hashType}, one of {@link #hashTypes()}.
     *
     * @throws IllegalArgumentException for a hash type not among {@link #hashTypes()}
     */
    MessageDigest create(String hashType);
}
