/**
 * The antrest request engine: immutable requests, a bounded queue, concurrent workers,
 * per-attempt signing, safe retries with back-off, a rate-limit budget and redaction.
 */
module io.antrest.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires org.slf4j;
    // the latency histogram (an automatic module named after its jar)
    requires HdrHistogram;
    requires static com.google.guice;

    exports io.antrest.core;
    exports io.antrest.core.limit;
    exports io.antrest.core.inject;

    opens io.antrest.core.inject to com.google.guice;
}
