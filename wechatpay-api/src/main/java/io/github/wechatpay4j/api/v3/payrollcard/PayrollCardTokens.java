package io.github.wechatpay4j.api.v3.payrollcard;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.crypto.Encrypted;
import io.github.wechatpay4j.json.OpenEnum;

import static io.github.wechatpay4j.api.internal.Required.require;

/**
 * 生成授权token API: {@code POST /v3/payroll-card/tokens}. {@code user_name} and {@code id_card_number} are sensitive:
 * give them in plaintext; the client encrypts them (RSA-OAEP with the platform key its
 * {@link io.github.wechatpay4j.crypto.EncryptionKeyPolicy} picks) and names that key in {@code Wechatpay-Serial}.
 *
 * <pre>{@code
 * PayrollCardTokens.Response token = client.chain(PayrollCardTokens.PATH)
 *         .post(PayrollCardTokens.options(new PayrollCardTokens.Request(openid, appid, null, subMchid, "张三",
 *                 "110101199003074477", PayrollCardTokens.EmploymentType.LONG_TERM_EMPLOYMENT)))
 *         .as(PayrollCardTokens.Response.class);
 * }</pre>
 */
public final class PayrollCardTokens {
    public static final String METHOD = "POST";
    public static final String PATH = "v3/payroll-card/tokens";

    private PayrollCardTokens() {
    }

    /** The body; the client encrypts the sensitive fields and sets {@code Wechatpay-Serial}. */
    public static Options options(Request request) {
        if (request == null) {
            throw new InvalidRequestException("the PayrollCardTokens request must not be null");
        }
        return Options.json(request);
    }

    /**
     * As {@link #options(Request)}, encrypting with the platform key {@code wechatpaySerial} names (a public key ID
     * or certificate serial the client holds), for example to pin the key during a migration.
     */
    public static Options options(Request request, String wechatpaySerial) {
        return options(request).withHeader("Wechatpay-Serial",
                require(wechatpaySerial, "PayrollCardTokens", "Wechatpay-Serial"));
    }

    /**
     * {@code openid}, {@code sub_mchid}, {@code user_name}, {@code id_card_number} and {@code employment_type} are
     * required; {@code user_name} and {@code id_card_number} are plaintext, encrypted by the client when sent.
     * {@link #toString()} hides them.
     */
    public record Request(String openid, String appid, String subAppid, String subMchid, @Encrypted String userName,
                          @Encrypted String idCardNumber, EmploymentType employmentType) {
        public Request {
            require(openid, "PayrollCardTokens.Request", "openid");
            require(subMchid, "PayrollCardTokens.Request", "sub_mchid");
            require(userName, "PayrollCardTokens.Request", "user_name");
            require(idCardNumber, "PayrollCardTokens.Request", "id_card_number");
            require(employmentType, "PayrollCardTokens.Request", "employment_type");
        }

        @Override
        public String toString() {
            return "PayrollCardTokens.Request[openid=" + openid + ", appid=" + appid + ", subAppid=" + subAppid
                    + ", subMchid=" + subMchid + ", userName=[hidden], idCardNumber=[hidden], employmentType="
                    + employmentType + "]";
        }
    }

    public record Response(String openid, String mchid, String subMchid, String token, long expiresIn) {
    }

    /** 用工类型. */
    public record EmploymentType(String value) implements OpenEnum {
        public static final EmploymentType LONG_TERM_EMPLOYMENT = new EmploymentType("LONG_TERM_EMPLOYMENT");
        public static final EmploymentType SHORT_TERM_EMPLOYMENT = new EmploymentType("SHORT_TERM_EMPLOYMENT");
        public static final EmploymentType COOPERATION_EMPLOYMENT = new EmploymentType("COOPERATION_EMPLOYMENT");
    }
}
