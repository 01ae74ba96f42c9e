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
                if (signature == null
                        || signature.isEmpty()
                        || !signature.chars().allMatch(CheckedSigner::isBase64Char)) {
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

    private static boolean isBase64Char(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }
}
