package io.antrest.monitor;

/**
 * How many lost answers one gateway settled by looking the order up ({@link Resolution}), since
 * it was first connected.
 *
 * @param placed             orders found at the exchange after their answer was lost
 * @param notPlaced          orders certainly not placed (not found after the exchange's acceptance window)
 * @param stillUnknown       orders whose outcome could not be told in time (their callers were told so)
 * @param cancelsSettled     cancels whose answer was lost, settled (the order found ended, or the cancel answered when sent again)
 * @param cancelsStillUnknown cancels whose outcome could not be told in time
 */
public record Resolutions(long placed, long notPlaced, long stillUnknown, long cancelsSettled, long cancelsStillUnknown) {
    /** None yet. */
    public static final Resolutions NONE = new Resolutions(0, 0, 0, 0, 0);

    /** Orders whose answer was lost, however they were settled. */
    public long orders() {
        return placed + notPlaced + stillUnknown;
    }

    /** What was counted since {@code earlier}, a snapshot of the same gateway taken before this one. */
    public Resolutions since(Resolutions earlier) {
        return new Resolutions(placed - earlier.placed, notPlaced - earlier.notPlaced, stillUnknown - earlier.stillUnknown,
                cancelsSettled - earlier.cancelsSettled, cancelsStillUnknown - earlier.cancelsStillUnknown);
    }
}
