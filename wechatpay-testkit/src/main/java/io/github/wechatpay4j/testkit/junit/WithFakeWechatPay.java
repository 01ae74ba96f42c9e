package io.github.wechatpay4j.testkit.junit;

import io.github.wechatpay4j.testkit.FakeWechatPay;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts one {@link FakeWechatPay} for the annotated test class (fresh keys, loopback port) and injects into
 * constructors, test methods and {@code @BeforeAll}/{@code @BeforeEach} methods any parameter of type
 * {@link FakeWechatPay}, {@link io.github.wechatpay4j.WechatPay} (a client for the server's merchant, built once per
 * class with the transport and JSON adapters found on the class path) or {@link io.github.wechatpay4j.testkit.TestKeys}.
 * Faults, the mode and the receipt hash type are reset after each test and the recorded requests before each; orders and refunds live as
 * long as the class. Server and client are closed after the class.
 *
 * <pre>{@code
 * @WithFakeWechatPay
 * class CheckoutTest {
 *     @Test
 *     void paysAnOrder(WechatPay client, FakeWechatPay fake) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeWechatPayExtension.class)
public @interface WithFakeWechatPay {

    /** How the server signs: with a WeChat Pay public key (default) or platform certificates. */
    FakeWechatPay.Mode mode() default FakeWechatPay.Mode.PUBLIC_KEY;

    /**
     * For {@link FakeWechatPay.Mode#CERTIFICATE}: whether the injected client downloads the certificates itself
     * ({@code autoCertificates()}) instead of being given them.
     */
    boolean autoCertificates() default false;
}
