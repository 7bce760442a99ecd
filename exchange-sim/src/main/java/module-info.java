/** A loopback exchange that speaks three dialects (Binance spot, BitMEX, OKX v5 spot), for the demo and the tests. */
module io.antrest.sim {
    requires org.apache.httpcomponents.core5.httpcore5;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.antrest.sim;
}
