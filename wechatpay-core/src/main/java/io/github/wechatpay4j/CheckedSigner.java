package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.Signer;

/** The merchant's signer as the client uses it: its failures typed, its output checked to be Base64. */
final class CheckedSigner {

    private CheckedSigner() {}

    /**
     * {@code signer} with its output checked to be Base64 and its failures typed, whatever signer it is (an HSM, a
     * KMS): what the client hands its scheme and its front-end signing.
     */
    static Signer of(Signer signer) {
        return new Signer() {
            @Override
            public String algorithm() {
                return signer.algorithm();
            }

            @Override
            public String sign(byte[] message) {
                String signature;
                try {
                    signature = signer.sign(message);
                } catch (WechatPayException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ConfigurationException(
                            "the signer " + signer.getClass().getName() + " failed: "
                                    + e.getClass().getSimpleName(),
                            e);
                }
                if (signature == null || signature.isEmpty() || !isBase64(signature)) {
                    throw new ConfigurationException(
                            "the signer " + signer.getClass().getName() + " returned "
                                    + (signature == null || signature.isEmpty()
                                            ? "no signature"
                                            : "a signature that is not Base64"));
                }
                return signature;
            }
        };
    }

    /** A plain loop: it runs on every call, and a stream over the signature's 344 characters showed in profiles. */
    private static boolean isBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isBase64Char(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Char(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }
}
