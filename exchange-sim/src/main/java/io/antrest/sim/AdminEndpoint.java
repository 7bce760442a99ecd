package io.antrest.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own control endpoints under {@code /_sim/}, so that a running simulator can be
 * steered with curl. Not counted, never faulted.
 *
 * <pre>
 * POST   /_sim/faults          body: one {@link FaultSpec} per line  → {"applied":n}
 * DELETE /_sim/faults          clears every fault
 * GET    /_sim/counters        → {"total":n,"paths":{"/api/v3/order":n,...},"answers":{"200":n,"429":n,...}}
 * POST   /_sim/counters/reset  resets the counters
 * </pre>
 */
final class AdminEndpoint {

    static final String PREFIX = "/_sim/";

    private final Faults faults;
    private final Counters counters;

    AdminEndpoint(Faults faults, Counters counters) {
        this.faults = faults;
        this.counters = counters;
    }

    SimResponse handle(SimRequest request) {
        String key = request.method() + " " + request.path();
        switch (key) {
            case "POST /_sim/faults": {
                List<FaultSpec> specs;
                try {
                    specs = FaultSpec.parseAll(new String(request.body(), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return SimResponse.json(400, new Json().beginObject().field("error", e.getMessage())
                            .endObject().toString());
                }
                specs.forEach(faults::apply);
                return SimResponse.json(200, "{\"applied\":" + specs.size() + "}");
            }
            case "DELETE /_sim/faults":
                faults.clear();
                return SimResponse.json(200, "{\"cleared\":true}");
            case "GET /_sim/counters": {
                Json json = new Json().beginObject().field("total", counters.total()).name("paths").beginObject();
                for (Map.Entry<String, Long> e : counters.perPath().entrySet()) {
                    json.field(e.getKey(), e.getValue());
                }
                json.endObject().name("answers").beginObject();
                for (Map.Entry<Integer, Long> e : counters.answersByStatus().entrySet()) {
                    json.field(Integer.toString(e.getKey()), e.getValue());
                }
                return SimResponse.ok(json.endObject().endObject().toBytes());
            }
            case "POST /_sim/counters/reset":
                counters.reset();
                return SimResponse.json(200, "{\"reset\":true}");
            default:
                return SimResponse.json(404, "{\"error\":\"unknown admin endpoint " + key
                        + "; known: POST/DELETE /_sim/faults, GET /_sim/counters, POST /_sim/counters/reset\"}");
        }
    }
}
