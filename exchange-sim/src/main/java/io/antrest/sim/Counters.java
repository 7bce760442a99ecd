package io.antrest.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator received and answered: requests per path, order attempts and placements per
 * client order id, answers per HTTP status.
 */
final class Counters {

    private final ConcurrentHashMap<String, LongAdder> perPath = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> placed = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    /** Answers by status, 100 to 599 (HTTP's range); the index is the status. */
    private final LongAdder[] answers = new LongAdder[600];

    Counters() {
        for (int status = 0; status < answers.length; status++) {
            answers[status] = new LongAdder();
        }
    }

    void received(String path) {
        total.increment();
        LongAdder adder = perPath.get(path);
        if (adder == null) {
            adder = perPath.computeIfAbsent(path, p -> new LongAdder());
        }
        adder.increment();
    }

    void attempt(String clientOrderId) {
        attempts.computeIfAbsent(clientOrderId, id -> new LongAdder()).increment();
    }

    void placed(String clientOrderId) {
        placed.computeIfAbsent(clientOrderId, id -> new LongAdder()).increment();
    }

    void answered(int status) {
        if (status >= 100 && status < 600) {
            answers[status].increment();
        }
    }

    long answers(int status) {
        return status >= 100 && status < 600 ? answers[status].sum() : 0;
    }

    /** The statuses answered at least once, in order, with their counts. */
    Map<Integer, Long> answersByStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        for (int status = 100; status < answers.length; status++) {
            long n = answers[status].sum();
            if (n > 0) {
                copy.put(status, n);
            }
        }
        return copy;
    }

    long countOf(String path) {
        LongAdder adder = perPath.get(path);
        return adder == null ? 0 : adder.sum();
    }

    long total() {
        return total.sum();
    }

    long attempts(String clientOrderId) {
        LongAdder adder = attempts.get(clientOrderId);
        return adder == null ? 0 : adder.sum();
    }

    long placedCount(String clientOrderId) {
        LongAdder adder = placed.get(clientOrderId);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, Long> perPath() {
        Map<String, Long> copy = new TreeMap<>();
        perPath.forEach((path, adder) -> copy.put(path, adder.sum()));
        return copy;
    }

    void reset() {
        perPath.clear();
        attempts.clear();
        placed.clear();
        total.reset();
        for (LongAdder answered : answers) {
            answered.reset();
        }
    }
}
