package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.crypto.DigestProvider;
import org.bouncycastle.crypto.digests.SM3Digest;

import java.security.MessageDigest;
import java.util.Set;

/**
 * SM3 (GB/T 32905-2016) for the downloads WeChat Pay announces with {@code hash_type} {@code SM3} (electronic
 * receipts, fapiao files). Found by {@link java.util.ServiceLoader} when this module is on the class or module path;
 * it registers no JCA provider, so it changes nothing for the rest of the JVM. Stateless and thread-safe.
 */
public final class ShangMiDigestProvider implements DigestProvider {

    @Override
    public Set<String> hashTypes() {
        return Set.of("SM3");
    }

    @Override
    public MessageDigest create(String hashType) {
        if (!"SM3".equals(hashType)) {
            throw new IllegalArgumentException("this provider makes SM3 only, not " + hashType);
        }
        return new Sm3MessageDigest();
    }

    /** BouncyCastle's lightweight SM3 as a {@link MessageDigest}, without a JCA provider. */
    private static final class Sm3MessageDigest extends MessageDigest {
        private final SM3Digest digest = new SM3Digest();

        Sm3MessageDigest() {
            super("SM3");
        }

        @Override
        protected void engineUpdate(byte input) {
            digest.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            digest.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            byte[] out = new byte[digest.getDigestSize()];
            digest.doFinal(out, 0);
            return out;
        }

        @Override
        protected void engineReset() {
            digest.reset();
        }

        @Override
        protected int engineGetDigestLength() {
            return digest.getDigestSize();
        }
    }
}
