package io.antrest.app.secrets;

import io.antrest.core.Param;
import io.antrest.core.Redactor;
import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;
import io.antrest.core.SigningContext;
import io.antrest.gateway.ProviderInfo;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.TradingApi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps every secret value the exchange plugins' own signers put on the requests actually sent:
 * signatures and API keys (the values of the headers and parameters each signer names as secret).
 * The plugins found on the module path are wrapped, not replaced: the real plugin signs, this
 * only looks at what came out, so that a test can search the logs for each value.
 */
public final class SecretRecorder {
    private final Set<String> values = ConcurrentHashMap.newKeySet();

    /** The plugins found on the module path, each seen through this recorder. */
    public ProviderRegistry registry() {
        return ProviderRegistry.of(ProviderRegistry.discover().providers().stream().map(ProviderInfo::provider)
                .map(p -> new RecordingProvider(p, this)).collect(Collectors.toList()));
    }

    /** Every secret value signed onto a request so far. */
    public Set<String> values() {
        return Set.copyOf(values);
    }

    private void record(Request signed, Set<String> secretNames) {
        Redactor names = Redactor.of(secretNames);
        for (Param p : signed.params()) {
            if (names.isSecret(p.name())) {
                values.add(p.value());
            }
        }
        for (Param h : signed.headers()) {
            if (names.isSecret(h.name())) {
                values.add(h.value());
            }
        }
    }

    /** A plugin whose exchanges' signers report to a recorder. */
    private static final class RecordingProvider implements ExchangeProvider {
        private final ExchangeProvider real;
        private final SecretRecorder recorder;

        RecordingProvider(ExchangeProvider real, SecretRecorder recorder) {
            this.real = real;
            this.recorder = recorder;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String version() {
            return real.version();
        }

        @Override
        public int spiVersion() {
            return real.spiVersion();
        }

        @Override
        public Exchange create(ExchangeSettings settings) {
            return new RecordingExchange(real.create(settings), recorder);
        }
    }

    /** An exchange as its plugin made it, but for a signer that reports what it signed. */
    private static final class RecordingExchange implements Exchange {
        private final Exchange real;
        private final RequestSigner signer;

        RecordingExchange(Exchange real, SecretRecorder recorder) {
            this.real = real;
            RequestSigner inner = real.signer();
            this.signer = new RequestSigner() {
                @Override
                public Request sign(Request request, SigningContext context) {
                    Request signed = inner.sign(request, context);
                    recorder.record(signed, inner.secretNames());
                    return signed;
                }

                @Override
                public Set<String> secretNames() {
                    return inner.secretNames();
                }
            };
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String liveUrl() {
            return real.liveUrl();
        }

        @Override
        public String testnetUrl() {
            return real.testnetUrl();
        }

        @Override
        public String baseUrl() {
            return real.baseUrl();
        }

        @Override
        public RequestSigner signer() {
            return signer;
        }

        @Override
        public Request pingRequest() {
            return real.pingRequest();
        }

        @Override
        public Optional<Request> serverTimeRequest() {
            return real.serverTimeRequest();
        }

        @Override
        public Instant parseServerTime(Response response) {
            return real.parseServerTime(response);
        }

        @Override
        public Request contractsRequest() {
            return real.contractsRequest();
        }

        @Override
        public List<Contract> parseContracts(Response response) {
            return real.parseContracts(response);
        }

        @Override
        public Optional<ExchangeError> readError(Request request, Response response) {
            return real.readError(request, response);
        }

        @Override
        public List<RateLimitReading> readRateLimits(Response response) {
            return real.readRateLimits(response);
        }

        @Override
        public List<RateLimitRule> rateLimits() {
            return real.rateLimits();
        }

        @Override
        public List<RateLimitCost> costOf(Request request) {
            return real.costOf(request);
        }

        @Override
        public TradingApi trading() {
            return real.trading();
        }
    }
}
