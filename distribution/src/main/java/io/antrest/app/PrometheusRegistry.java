package io.antrest.app;

import io.antrest.monitor.micrometer.MicrometerMonitor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Prometheus registry of {@code antrest run}'s {@code /metrics}, as {@code bench --metrics}
 * measures it. The calls timer keeps its service-level buckets but computes no client-side
 * percentiles: Prometheus does not export those beside a histogram, and computes percentiles
 * from the buckets ({@code histogram_quantile}).
 */
final class PrometheusRegistry {
    private PrometheusRegistry() {
    }

    /** A new registry for antrest's meters. */
    static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(MicrometerMonitor.REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(new double[0]).build().merge(config);
            }
        });
        return registry;
    }
}
