/** The monitor engine: gateway states, heart-beats, listeners, metrics and admission. */
package io.antrest.monitor;
