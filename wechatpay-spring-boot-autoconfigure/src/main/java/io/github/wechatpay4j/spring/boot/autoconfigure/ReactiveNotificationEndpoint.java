package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/**
 * The WebFlux endpoint WeChat Pay posts notifications to, as the servlet one: {@code POST
 * <notification-path>/<merchant name>}. The body is gathered without blocking (at most
 * {@link Notifications#DEFAULT_MAX_BODY_BYTES}); verifying, decrypting and the listeners, which may block (a
 * database), run on Reactor's bounded-elastic scheduler, never on an event-loop thread.
 */
final class ReactiveNotificationEndpoint {
    private final NotificationParsers parsers;
    private final NotificationListeners listeners;

    ReactiveNotificationEndpoint(NotificationParsers parsers, NotificationListeners listeners) {
        this.parsers = parsers;
        this.listeners = listeners;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(RequestPredicates.path(parsers.prefix() + "/*"), this::handle)
                .andRoute(RequestPredicates.path(parsers.prefix() + "/*/v2"), this::handleApiV2);
    }

    private Mono<ServerResponse> handle(ServerRequest request) {
        if (!"POST".equals(request.method().name())) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header("Allow", "POST")
                    .build();
        }
        Optional<String> name = parsers.merchant(request.path());
        Optional<Notifications> parser = name.flatMap(parsers::parser);
        if (parser.isEmpty()) {
            return ServerResponse.notFound().build();
        }
        return body(request)
                .publishOn(Schedulers.boundedElastic())
                .map(body -> parser.get()
                        .handle(body, request.headers()::firstHeader, event -> listeners.dispatch(name.get(), event)))
                .onErrorResume(
                        DataBufferLimitException.class,
                        e -> Mono.just(NotificationReply.failure(413, "notification body too large")))
                .flatMap(ReactiveNotificationEndpoint::reply);
    }

    private Mono<ServerResponse> handleApiV2(ServerRequest request) {
        if (!"POST".equals(request.method().name())) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header("Allow", "POST")
                    .build();
        }
        Optional<String> name = parsers.apiV2Merchant(request.path());
        Optional<NotificationParsers.ApiV2Endpoint> endpoint = name.flatMap(parsers::apiV2);
        if (endpoint.isEmpty()) {
            return ServerResponse.notFound().build();
        }
        return body(request)
                .publishOn(Schedulers.boundedElastic())
                .map(body -> endpoint.get()
                        .handle(body, (type, id, event) -> listeners.dispatch(name.get(), type, id, event)))
                .onErrorResume(
                        DataBufferLimitException.class, e -> Mono.just(new NotificationParsers.Reply(413, null, null)))
                .flatMap(reply -> {
                    ServerResponse.BodyBuilder response = ServerResponse.status(reply.status());
                    return reply.contentType() == null
                            ? response.build()
                            : response.contentType(MediaType.parseMediaType(reply.contentType()))
                                    .bodyValue(reply.body());
                });
    }

    /** The request's body, gathered without blocking, at most {@link Notifications#DEFAULT_MAX_BODY_BYTES}. */
    private static Mono<byte[]> body(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), Notifications.DEFAULT_MAX_BODY_BYTES)
                .map(buffer -> {
                    try {
                        byte[] body = new byte[buffer.readableByteCount()];
                        buffer.read(body);
                        return body;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
    }

    private static Mono<ServerResponse> reply(NotificationReply reply) {
        ServerResponse.BodyBuilder response = ServerResponse.status(reply.status());
        if (reply.contentType().isEmpty()) {
            return response.build();
        }
        return response.contentType(MediaType.parseMediaType(reply.contentType().get()))
                .bodyValue(reply.bodyBytes());
    }
}
