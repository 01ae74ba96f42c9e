/** JSON codec on Jackson 3 databind ({@code tools.jackson}). */
module io.github.wechatpay4j.json.jackson3 {
    requires transitive io.github.wechatpay4j.core;
    requires transitive tools.jackson.databind;

    exports io.github.wechatpay4j.json.jackson3;

    provides io.github.wechatpay4j.json.JsonCodecProvider with
            io.github.wechatpay4j.json.jackson3.Jackson3JsonCodecProvider;
}
