package io.antrest.sim;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One BitMEX instrument with the fields clients read to trade it; its state follows the simulator's
 * clock: {@code Unlisted} before its listing, {@code Open} until its expiry, {@code Settled} after.
 *
 * @param listing when it is listed
 * @param front   when it becomes the front contract of its series (a future's previous quarter's expiry)
 * @param expiry  when it expires and settles; null for a perpetual
 */
record BitmexInstrument(String symbol, String rootSymbol, String typ, Instant listing, Instant front, Instant expiry,
        String underlying, String quoteCurrency, String settlCurrency, String positionCurrency, BigDecimal tickSize,
        BigDecimal lotSize, long multiplier, boolean quanto, boolean inverse, BigDecimal lastPrice) {

    /**
     * How long an expired future stays on {@code GET /instrument/active} (swagger.json: "Get all
     * active instruments and instruments that have expired in <24hrs.").
     */
    static final Duration ACTIVE_AFTER_EXPIRY = Duration.ofHours(24);
    /** The perpetuals' listing (XBTUSD's). */
    private static final Instant PERPETUALS_LISTED = Instant.parse("2016-05-13T12:00:00Z");
    /** The quarterly months and their codes (BitMEX Futures Guide, "Month Codes"): H Mar, M Jun, U Sep, Z Dec. */
    private static final String QUARTER_CODES = "HMUZ";

    /**
     * The state BitMEX names it by at {@code now}. swagger.json's Instrument.state is a plain string
     * without an enum; {@code Open} is the state its docs filter on ({@code {"state": "Open"}}), and
     * GET /instrument lists "those that have settled or are unlisted" besides.
     */
    String state(Instant now) {
        if (now.isBefore(listing)) {
            return "Unlisted";
        }
        return expiry != null && !now.isBefore(expiry) ? "Settled" : "Open";
    }

    boolean open(Instant now) {
        return "Open".equals(state(now));
    }

    /** Whether {@code GET /instrument/active} lists it at {@code now}: listed, and not expired 24 hours ago. */
    boolean active(Instant now) {
        return !now.isBefore(listing) && (expiry == null || now.isBefore(expiry.plus(ACTIVE_AFTER_EXPIRY)));
    }

    /**
     * The instruments the simulator serves at {@code now}, by symbol: six perpetuals; the XBT
     * inverse quarterly futures that expired last, that are open (the next two) and that is listed
     * next; the ETHUSD quanto quarterly futures that expired last and that is open. BitMEX's
     * futures expire on the last Friday of March, June, September and December at 12:00 UTC (the
     * expiries in BitMEX's Futures Guide, e.g. XBTZ21 12/31/2021, XBTH22 3/25/2022; the BitMEX
     * blog: "the regular December expiry at 12:00 UTC on 31 December 2021"); the simulator lists
     * each two quarters before its expiry.
     */
    static Map<String, BitmexInstrument> at(Instant now) {
        YearMonth next = YearMonth.from(now.atZone(ZoneOffset.UTC));
        next = next.withMonth((next.getMonthValue() + 2) / 3 * 3);
        while (!quarterlyExpiry(next).isAfter(now)) {
            next = next.plusMonths(3);
        }
        List<BitmexInstrument> list = new ArrayList<>(List.of(
                perp("XBTUSD", "XBT", "USD", "XBt", "USD", "0.5", "100", -100_000_000L, false, true, "67010.5"),
                perp("ETHUSD", "ETH", "USD", "XBt", "USD", "0.05", "1", 100L, true, false, "3500.15"),
                perp("XBTUSDT", "XBT", "USDT", "USDt", "XBT", "0.5", "1000", 1L, false, false, "67005.0"),
                perp("ETHUSDT", "ETH", "USDT", "USDt", "ETH", "0.05", "1000", 1_000L, false, false, "3499.95"),
                perp("SOLUSDT", "SOL", "USDT", "USDt", "SOL", "0.01", "1000", 1_000L, false, false, "151.36"),
                perp("XRPUSD", "XRP", "USD", "XBt", "USD", "0.0001", "1", 20_000L, true, false, "0.5214"),
                future("XBT", "XBT", "0.5", "100", -100_000_000L, false, true, next, -1, "68120.0"),
                future("XBT", "XBT", "0.5", "100", -100_000_000L, false, true, next, 0, "69250.5"),
                future("XBT", "XBT", "0.5", "100", -100_000_000L, false, true, next, 1, "70100.0"),
                future("XBT", "XBT", "0.5", "100", -100_000_000L, false, true, next, 2, "70990.5"),
                future("ETHUSD", "ETH", "0.05", "1", 100L, true, false, next, -1, "3480.10"),
                future("ETHUSD", "ETH", "0.05", "1", 100L, true, false, next, 0, "3512.35")));
        Map<String, BitmexInstrument> map = new LinkedHashMap<>();
        list.forEach(i -> map.put(i.symbol(), i));
        return map;
    }

    /** The last Friday of the month at 12:00 UTC. */
    static Instant quarterlyExpiry(YearMonth month) {
        return month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY)).atTime(LocalTime.NOON)
                .toInstant(ZoneOffset.UTC);
    }

    /**
     * The future of series {@code prefix} expiring {@code quarters} quarters after the month
     * {@code next} (the first quarterly expiry still to come): named by its month code and year
     * (XBTZ25), listed two quarters before its expiry, the front contract from the one before.
     */
    private static BitmexInstrument future(String prefix, String root, String tick, String lot, long multiplier,
            boolean quanto, boolean inverse, YearMonth next, int quarters, String last) {
        YearMonth month = next.plusMonths(3L * quarters);
        String symbol = prefix + QUARTER_CODES.charAt(month.getMonthValue() / 3 - 1)
                + String.format(Locale.ROOT, "%02d", month.getYear() % 100);
        return new BitmexInstrument(symbol, root, "FFCCSX", quarterlyExpiry(month.minusMonths(6)),
                quarterlyExpiry(month.minusMonths(3)), quarterlyExpiry(month), root, "USD", "XBt", "USD",
                new BigDecimal(tick), new BigDecimal(lot), multiplier, quanto, inverse, new BigDecimal(last));
    }

    private static BitmexInstrument perp(String symbol, String root, String quote, String settl, String position,
            String tick, String lot, long multiplier, boolean quanto, boolean inverse, String last) {
        return new BitmexInstrument(symbol, root, "FFWCSX", PERPETUALS_LISTED, PERPETUALS_LISTED, null, root, quote,
                settl, position, new BigDecimal(tick), new BigDecimal(lot), multiplier, quanto, inverse,
                new BigDecimal(last));
    }

    void writeTo(Json json, Instant now, String timestamp) {
        json.beginObject()
                .field("symbol", symbol)
                .field("rootSymbol", rootSymbol)
                .field("state", state(now))
                .field("typ", typ)
                .field("listing", BitmexDialect.TIMESTAMP.format(listing))
                .field("front", BitmexDialect.TIMESTAMP.format(front))
                .name("expiry").value(expiry == null ? null : BitmexDialect.TIMESTAMP.format(expiry))
                .name("settle").value(expiry == null ? null : BitmexDialect.TIMESTAMP.format(expiry))
                .field("positionCurrency", positionCurrency)
                .field("underlying", underlying)
                .field("quoteCurrency", quoteCurrency)
                .field("underlyingSymbol", underlying + "=")
                .field("reference", "BMEX")
                .field("referenceSymbol", "." + "B" + underlying + (quoteCurrency.equals("USDT") ? "T" : ""))
                .field("maxOrderQty", 10_000_000L)
                .field("maxPrice", 1_000_000L)
                .field("lotSize", lotSize)
                .field("tickSize", tickSize)
                .field("multiplier", multiplier)
                .field("settlCurrency", settlCurrency)
                .field("underlyingToPositionMultiplier", inverse ? 0 : 1)
                .field("underlyingToSettleMultiplier", inverse ? -100_000_000L : 0)
                .field("quoteToSettleMultiplier", settlCurrency.equals("USDt") ? 1_000_000L : 0)
                .field("isQuanto", quanto)
                .field("isInverse", inverse)
                .field("initMargin", new BigDecimal("0.01"))
                .field("maintMargin", new BigDecimal("0.005"))
                .field("makerFee", new BigDecimal("-0.0001"))
                .field("takerFee", new BigDecimal("0.00075"))
                .field("lastPrice", lastPrice)
                .field("markPrice", lastPrice)
                .field("bidPrice", lastPrice.subtract(tickSize))
                .field("askPrice", lastPrice.add(tickSize))
                .field("timestamp", timestamp)
                .endObject();
    }
}
