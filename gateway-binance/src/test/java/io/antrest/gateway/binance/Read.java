package io.antrest.gateway.binance;

import io.antrest.core.Request;
import io.antrest.core.RequestFailedException;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.RateLimitCost;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Test shorthands over the plugin's SPI: the error an answer carries, the order in it, a request's weight, an answer. */
final class Read {
    private Read() {
    }

    /** The error the plugin reads from an answer to an order request; fails when it reads none. */
    static ExchangeError error(Exchange exchange, Response response) {
        return exchange.readError(Request.post("/api/v3/order").build(), response)
                .orElseThrow(() -> new AssertionError("no error read from " + response));
    }

    /** The order in an answer to a query (the same parser reads new and cancelled orders here). */
    static Order order(Exchange exchange, Response response) {
        return exchange.trading().parseQuery(OrderRef.byOrderId("ANY", "0"), response);
    }

    /** What a request costs in the exchange's general rule (REQUEST_WEIGHT). */
    static int weight(Exchange exchange, Request request) {
        return exchange.costOf(request).stream().filter(c -> c.rule().equals("REQUEST_WEIGHT")).mapToInt(RateLimitCost::units)
                .findFirst().orElseThrow();
    }

    /** The answer to a request, 2xx or not: a bare client fails a non-2xx one with the response attached. */
    static Response answer(RestClient client, Request request) {
        try {
            return client.submit(request).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException f) {
                return f.response();
            }
            throw new AssertionError("expected an answer, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
