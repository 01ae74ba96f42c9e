package io.github.wechatpay4j.api.v3.payrollcard;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.json.OpenEnum;

import static io.github.wechatpay4j.api.internal.Required.require;

/**
 * 生成授权token API: {@code POST /v3/payroll-card/tokens}. {@code user_name} and {@code id_card_number} are
 * encrypted (RSA-OAEP with the platform key) and the {@code Wechatpay-Serial} header names that key. For now the
 * caller encrypts them and passes the serial; automatic encryption comes with the sensitive-fields support.
 */
public final class PayrollCardTokens {
    public static final String METHOD = "POST";
    public static final String PATH = "v3/payroll-card/tokens";

    private PayrollCardTokens() {
    }

    /** The body and the {@code Wechatpay-Serial} of the key that encrypted {@code user_name}/{@code id_card_number}. */
    public static Options options(Request request, String wechatpaySerial) {
        if (request == null) {
            throw new InvalidRequestException("the PayrollCardTokens request must not be null");
        }
        return Options.json(request).withHeader("Wechatpay-Serial",
                require(wechatpaySerial, "PayrollCardTokens", "Wechatpay-Serial"));
    }

    /**
     * {@code openid}, {@code sub_mchid}, {@code user_name}, {@code id_card_number} and {@code employment_type} are
     * required; {@code user_name} and {@code id_card_number} are ciphertext (Base64). {@link #toString()} hides them.
     */
    public record Request(String openid, String appid, String subAppid, String subMchid, String userName,
                          String idCardNumber, EmploymentType employmentType) {
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
                    + ", subMchid=" + subMchid + ", userName=[encrypted], idCardNumber=[encrypted], employmentType="
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
