package io.github.wechatpay4j.api.v3.marketing.partnerships;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.json.OpenEnum;

import java.time.OffsetDateTime;

import static io.github.wechatpay4j.api.internal.Required.require;

/**
 * 建立合作关系API: {@code POST /v3/marketing/partnerships/build}, with a required {@code Idempotency-Key} header.
 *
 * <pre>{@code
 * PartnershipsBuild.Response r = client.chain(PartnershipsBuild.PATH)
 *         .post(PartnershipsBuild.options(request, idempotencyKey))
 *         .as(PartnershipsBuild.Response.class);
 * }</pre>
 */
public final class PartnershipsBuild {
    public static final String METHOD = "POST";
    public static final String PATH = "v3/marketing/partnerships/build";

    private PartnershipsBuild() {
    }

    /** The request options: the JSON body and the {@code Idempotency-Key} header. */
    public static Options options(Request request, String idempotencyKey) {
        if (request == null) {
            throw new InvalidRequestException("the PartnershipsBuild request must not be null");
        }
        return Options.json(request).withHeader("Idempotency-Key",
                require(idempotencyKey, "PartnershipsBuild", "Idempotency-Key"));
    }

    /** The request body; {@code partner} and {@code authorized_data} are required. */
    public record Request(Partner partner, AuthorizedData authorizedData) {
        public Request {
            require(partner, "PartnershipsBuild.Request", "partner");
            require(authorizedData, "PartnershipsBuild.Request", "authorized_data");
        }
    }

    /** The answer. */
    public record Response(Partner partner, AuthorizedData authorizedData, State state, OffsetDateTime buildTime,
                           OffsetDateTime createTime, OffsetDateTime updateTime) {
    }

    /** 合作方: {@code type} is required; {@code appid} or {@code merchant_id} per type. */
    public record Partner(PartnerType type, String appid, String merchantId) {
        public Partner {
            require(type, "Partner", "type");
        }
    }

    /** 被授权数据: {@code business_type} is required. */
    public record AuthorizedData(BusinessType businessType, String stockId) {
        public AuthorizedData {
            require(businessType, "AuthorizedData", "business_type");
        }
    }

    /** 合作方类别. */
    public record PartnerType(String value) implements OpenEnum {
        public static final PartnerType APPID = new PartnerType("APPID");
        public static final PartnerType MERCHANT = new PartnerType("MERCHANT");
    }

    /** 授权业务类别. */
    public record BusinessType(String value) implements OpenEnum {
        public static final BusinessType FAVOR_STOCK = new BusinessType("FAVOR_STOCK");
        public static final BusinessType BUSIFAVOR_STOCK = new BusinessType("BUSIFAVOR_STOCK");
    }

    /** 合作状态. */
    public record State(String value) implements OpenEnum {
        public static final State ESTABLISHED = new State("ESTABLISHED");
        public static final State TERMINATED = new State("TERMINATED");
    }
}
