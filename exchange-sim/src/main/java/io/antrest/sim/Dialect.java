package io.antrest.sim;

/** One exchange dialect served by the simulator: its routes, authentication and limits. */
interface Dialect {

    /** Whether this dialect serves the path. */
    boolean owns(String path);

    /** Processes the request and builds the answer (errors included). */
    SimResponse handle(SimRequest request);

    /** The answer for a status injected by a fault, shaped as this exchange shapes its errors. */
    SimResponse injectedStatus(SimRequest request, int status);

    /** The client order id of an order-placing request, or null when the request places no order. */
    String clientOrderIdOfPlacement(SimRequest request);
}
