package io.antrest.gateway;

import io.antrest.core.AnswerClassifier;
import io.antrest.core.AnswerVerdict;
import io.antrest.core.Printable;
import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads every answer of a gateway, 2xx included, with the exchange plugin's
 * {@link Exchange#readError}, and tells the engine what it means: an error of kind
 * {@code RATE_LIMITED} or {@code BANNED} is a throttle, {@code EXCHANGE_UNAVAILABLE} (and any 5xx,
 * whose outcome the exchanges call unknown) is the exchange unavailable, any other error a
 * refusal. The same reading turns a failed call into its {@link ExchangeError}.
 */
final class ExchangeAnswers implements AnswerClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeAnswers.class);
    private static final int MAX_REASON = 200;

    private final String gateway;
    private final Exchange exchange;

    ExchangeAnswers(String gateway, Exchange exchange) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.exchange = requireNonNull(exchange, "exchange is null");
    }

    @Override
    public AnswerVerdict classify(Request request, Response response) {
        Optional<ExchangeError> error = exchange.readError(request, response);
        if (error.isEmpty()) {
            return AnswerVerdict.ofStatus(response.status());
        }
        ExchangeError e = error.get();
        AnswerVerdict.Kind kind;
        if (response.status() >= 500 || e.kind() == ErrorKind.EXCHANGE_UNAVAILABLE) {
            kind = AnswerVerdict.Kind.UNAVAILABLE;
        } else if (e.kind() == ErrorKind.RATE_LIMITED || e.kind() == ErrorKind.BANNED) {
            kind = AnswerVerdict.Kind.THROTTLED;
        } else {
            kind = AnswerVerdict.Kind.REFUSED;
        }
        return new AnswerVerdict(kind, e.retryAfter(), reason(e));
    }

    /**
     * The error an answer carries: the plugin's reading, or for a non-2xx answer it could not read
     * (or that made it throw) an {@link ErrorKind#UNKNOWN} error with the body's start.
     */
    ExchangeError errorOf(Request request, Response response) {
        try {
            Optional<ExchangeError> e = requireNonNull(exchange.readError(request, response), "readError returned null");
            if (e.isPresent()) {
                return e.get();
            }
        } catch (RuntimeException ex) {
            LOG.warn("gateway '{}': the {} plugin could not read the answer to {} {} (HTTP {})", gateway, exchange.name(),
                    request.method(), request.path(), response.status(), ex);
        }
        return new ExchangeError(ErrorKind.UNKNOWN, response.status(), "", response.bodyText(), Optional.empty());
    }

    private static String reason(ExchangeError e) {
        return Printable.of(e.kind() + (e.code().isEmpty() ? "" : " " + e.code())
                + (e.message().isEmpty() ? "" : ": " + e.message()), MAX_REASON);
    }
}
