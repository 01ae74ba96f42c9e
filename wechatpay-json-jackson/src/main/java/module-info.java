/** JSON codec on Jackson 2 databind. */
module io.github.wechatpay4j.json.jackson {
    requires transitive io.github.wechatpay4j.core;
    requires transitive com.fasterxml.jackson.databind;

    exports io.github.wechatpay4j.json.jackson;

    provides io.github.wechatpay4j.json.JsonCodecProvider with
            io.github.wechatpay4j.json.jackson.JacksonJsonCodecProvider;
}
