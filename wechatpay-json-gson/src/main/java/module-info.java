/** JSON codec on Gson. */
module io.github.wechatpay4j.json.gson {
    requires transitive io.github.wechatpay4j.core;
    requires transitive com.google.gson;

    exports io.github.wechatpay4j.json.gson;

    provides io.github.wechatpay4j.json.JsonCodecProvider with
            io.github.wechatpay4j.json.gson.GsonJsonCodecProvider;
}
