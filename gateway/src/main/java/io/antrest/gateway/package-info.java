/**
 * The gateway runtime: finds exchange plugins ({@link io.antrest.gateway.ProviderRegistry}),
 * connects gateways ({@link io.antrest.gateway.GatewayManager}, {@link io.antrest.gateway.Gateway}),
 * and keeps the exchanges' contracts in a database ({@link io.antrest.gateway.ContractStore}).
 */
package io.antrest.gateway;
