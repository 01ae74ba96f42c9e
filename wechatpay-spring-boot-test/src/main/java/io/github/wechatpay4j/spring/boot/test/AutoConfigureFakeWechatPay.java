package io.github.wechatpay4j.spring.boot.test;

import io.github.wechatpay4j.testkit.FakeWechatPay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a {@code @SpringBootTest}'s WeChat Pay merchants at the testkit's fake WeChat Pay: for each merchant name,
 * fresh keys are generated and one fake is started on a loopback port before the context is refreshed, and
 * {@code wechatpay.merchants.<name>.*} (merchant ID, serial, private key, WeChat Pay public key or automatic
 * certificates, APIv3 key, base URL) are set to them, over anything the application's own configuration says.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @AutoConfigureFakeWechatPay
 * class CheckoutTest {
 *     @Autowired FakeWechatPay fake;      // with one merchant; FakeWechatPays by name with several
 *     @Autowired WechatPayApi api;        // the starter's client, talking to the fake
 * }
 * }</pre>
 *
 * The fakes live as long as the test context (Spring's context cache shares them between test classes with the same
 * configuration) and are closed with it; each test's faults are cleared after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureFakeWechatPay {

    /** The merchant names (the {@code <name>} of {@code wechatpay.merchants.<name>}) to point at fakes. */
    String[] merchants() default {"main"};

    /**
     * How the fakes sign: with a WeChat Pay public key (default; the client is given it), or with platform
     * certificates, which the client then downloads ({@code auto-certificates=true}).
     */
    FakeWechatPay.Mode mode() default FakeWechatPay.Mode.PUBLIC_KEY;
}
