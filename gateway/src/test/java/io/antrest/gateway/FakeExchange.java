package io.antrest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.Spi;
import io.antrest.gateway.spi.Side;
import io.antrest.gateway.spi.TradingApi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The test-only "fake" exchange plugin, for {@link FakeServer}'s dialect. */
final class FakeExchange implements Exchange {
    /** New orders per instrument per second. */
    static final int ORDERS_PER_SECOND = 2;

    /** Its provider. */
    static final class Provider implements ExchangeProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String version() {
            return "0.0.1-test";
        }

        @Override
        public int spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public Exchange create(ExchangeSettings settings) {
            return new FakeExchange(settings);
        }
    }

    private final ExchangeSettings settings;

    FakeExchange(ExchangeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String liveUrl() {
        return "https://fake.invalid";
    }

    @Override
    public String testnetUrl() {
        return "https://testnet.fake.invalid";
    }

    @Override
    public String baseUrl() {
        return settings.resolveUrl(liveUrl(), testnetUrl());
    }

    @Override
    public RequestSigner signer() {
        return new RequestSigner() {
            @Override
            public Request sign(Request request, io.antrest.core.SigningContext context) {
                if (!request.path().equals("/account") && !request.path().equals("/order")) {
                    return request;
                }
                Credentials c = settings.requireCredentials("fake");
                return request.toBuilder().removeParam("timestamp").param("timestamp", context.nowMillis())
                        .header("X-KEY", c.apiKey()).secretNames(secretNames()).build();
            }

            @Override
            public Set<String> secretNames() {
                return Set.of("x-key");
            }
        };
    }

    @Override
    public Request pingRequest() {
        return Request.get("/ping").build();
    }

    @Override
    public Optional<Request> serverTimeRequest() {
        return Optional.of(Request.get("/time").build());
    }

    @Override
    public Instant parseServerTime(Response response) {
        return Instant.ofEpochMilli(response.json().get("serverTime").asLong());
    }

    @Override
    public Request contractsRequest() {
        return Request.get("/contracts").build();
    }

    @Override
    public List<Contract> parseContracts(Response response) {
        List<Contract> out = new ArrayList<>();
        for (JsonNode s : response.json().get("symbols")) {
            out.add(Contract.builder("fake", s.get("symbol").asText()).baseAsset(s.get("base").asText())
                    .quoteAsset(s.get("quote").asText()).tickSize(new BigDecimal(s.get("tick").asText()))
                    .lotSize(new BigDecimal(s.get("lot").asText())).minNotional(new BigDecimal(s.get("minNotional").asText()))
                    .status(s.get("status").asText(), s.get("status").asText().equals("TRADING")).type("SPOT").build());
        }
        return out;
    }

    /**
     * A non-2xx answer is an error; so is a 2xx JSON object with a {@code code} other than "0" (the
     * way OKX answers refusals), for the tests of errors in 2xx bodies.
     */
    @Override
    public Optional<ExchangeError> readError(Request request, Response response) {
        if (response.isSuccess()) {
            JsonNode j = response.json();
            if (j == null || !j.isObject() || !j.has("code") || j.get("code").asText().equals("0")) {
                return Optional.empty();
            }
        }
        return Optional.of(classify(response));
    }

    private static ExchangeError classify(Response response) {
        int status = response.status();
        String code = "";
        String msg = response.bodyText();
        try {
            JsonNode j = response.json();
            if (j != null && j.has("code")) {
                code = j.get("code").asText();
                msg = j.path("msg").asText(msg);
            }
        } catch (RuntimeException notJson) {
            // keep the raw text
        }
        Optional<Duration> retryAfter = response.header("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
        ErrorKind kind;
        if (status == 429) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (status == 418) {
            kind = ErrorKind.BANNED;
        } else if (status == 401) {
            kind = ErrorKind.AUTHENTICATION;
        } else if (code.equals("-1021")) {
            kind = ErrorKind.TIMESTAMP_OUT_OF_WINDOW;
        } else if (code.equals("-2013")) {
            kind = ErrorKind.NOT_FOUND;
        } else if (code.equals("50011")) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (code.equals("50001")) {
            kind = ErrorKind.EXCHANGE_UNAVAILABLE;
        } else if (status >= 500) {
            kind = ErrorKind.EXCHANGE_UNAVAILABLE;
        } else {
            kind = ErrorKind.UNKNOWN;
        }
        return new ExchangeError(kind, status, code, msg, retryAfter);
    }

    @Override
    public List<RateLimitReading> readRateLimits(Response response) {
        return response.header("X-Used-Weight").map(u -> List.of(RateLimitReading.used("weight", Long.parseLong(u))))
                .orElse(List.of());
    }

    /** 1200 weight a minute; 2 orders per instrument a second, to test per-instrument buckets. */
    @Override
    public List<RateLimitRule> rateLimits() {
        return List.of(new RateLimitRule("weight", RateLimitRule.Scope.IP, 1200, Duration.ofMinutes(1)),
                new RateLimitRule("orders", RateLimitRule.Scope.INSTRUMENT, ORDERS_PER_SECOND, Duration.ofSeconds(1)));
    }

    @Override
    public List<RateLimitCost> costOf(Request request) {
        RateLimitCost weight = new RateLimitCost("weight", "", request.path().equals("/contracts") ? 10 : 1);
        if (request.path().equals("/order") && request.method() == io.antrest.core.Method.POST) {
            return List.of(weight, new RateLimitCost("orders", request.param("symbol").orElse(""), 1));
        }
        return List.of(weight);
    }

    @Override
    public TradingApi trading() {
        return new TradingApi() {
            @Override
            public String newClientOrderId() {
                return "fake-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            }

            @Override
            public Request account() {
                return Request.get("/account").build();
            }

            @Override
            public List<Balance> parseBalances(Response response) {
                List<Balance> out = new ArrayList<>();
                for (JsonNode b : response.json().get("balances")) {
                    out.add(new Balance(b.get("asset").asText(), new BigDecimal(b.get("free").asText()),
                            new BigDecimal(b.get("locked").asText())));
                }
                return out;
            }

            @Override
            public Request newOrder(OrderRequest order) {
                Request.Builder b = Request.post("/order").param("symbol", order.symbol())
                        .param("side", order.side().name()).param("type", order.type().name())
                        .param("quantity", order.quantity().toPlainString())
                        .param("clientOrderId", order.clientOrderId().orElseThrow());
                order.price().ifPresent(p -> b.param("price", p.toPlainString()));
                return b.build();
            }

            @Override
            public Request cancelOrder(OrderRef ref) {
                return Request.delete("/order").param("symbol", ref.symbol())
                        .param("clientOrderId", ref.clientOrderId().orElseThrow()).build();
            }

            @Override
            public Request queryOrder(OrderRef ref) {
                return Request.get("/order").param("symbol", ref.symbol())
                        .param("clientOrderId", ref.clientOrderId().orElseThrow()).build();
            }

            @Override
            public Order parseNewOrder(OrderRequest order, Response response) {
                return parseQuery(null, response);
            }

            @Override
            public Optional<Order> parseCancel(OrderRef ref, Response response) {
                JsonNode j = response.json();
                // acknowledged with ids only: the runtime looks the order up
                return j.has("side") ? Optional.of(parseQuery(ref, response)) : Optional.empty();
            }

            @Override
            public Order parseQuery(OrderRef ref, Response response) {
                JsonNode j = response.json();
                return new Order("fake", j.get("symbol").asText(), j.get("orderId").asText(),
                        j.get("clientOrderId").asText(), Side.valueOf(j.get("side").asText()),
                        OrderType.valueOf(j.get("type").asText()), OrderStatus.valueOf(j.get("status").asText()),
                        Optional.of(new BigDecimal(j.get("price").asText())), new BigDecimal(j.get("quantity").asText()),
                        BigDecimal.ZERO, Instant.ofEpochMilli(j.get("time").asLong()));
            }
        };
    }
}
