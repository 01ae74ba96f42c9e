package io.github.wechatpay4j.api.v3.payscore.partner;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;

import static io.github.wechatpay4j.api.internal.Required.require;

/** 商户预授权API: {@code POST /v3/payscore/partner/permissions}. */
public final class PartnerPermissions {
    public static final String METHOD = "POST";
    public static final String PATH = "v3/payscore/partner/permissions";

    private PartnerPermissions() {
    }

    public static Options options(Request request) {
        if (request == null) {
            throw new InvalidRequestException("the PartnerPermissions request must not be null");
        }
        return Options.json(request);
    }

    /** {@code service_id}, {@code appid}, {@code sub_mchid} and {@code authorization_code} are required. */
    public record Request(String serviceId, String appid, String subAppid, String subMchid, String authorizationCode,
                          String notifyUrl) {
        public Request {
            require(serviceId, "PartnerPermissions.Request", "service_id");
            require(appid, "PartnerPermissions.Request", "appid");
            require(subMchid, "PartnerPermissions.Request", "sub_mchid");
            require(authorizationCode, "PartnerPermissions.Request", "authorization_code");
        }
    }

    public record Response(String applyPermissionsToken) {
    }
}
