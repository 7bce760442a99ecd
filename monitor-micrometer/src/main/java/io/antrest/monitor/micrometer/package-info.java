/**
 * Micrometer meters for antrest's gateways and clients: {@link io.antrest.monitor.micrometer.MicrometerMonitor}.
 */
package io.antrest.monitor.micrometer;
