// CCXT's side of the peers comparison (benchmarks/peers/peers.sh): signed GET /api/v3/account
// through ccxt's binance class, N closed loops, and one result line in antrest bench's format.
//
//   BINANCE_SECRET=... node bench.mjs --url http://127.0.0.1:PORT --api-key KEY \
//       --secret-env BINANCE_SECRET --sessions 8 --requests 50000 --warmup 5000
//
// Keep-alive: ccxt 4.5.x on Node sends through undici.request with its own undici.Agent
// (keepAliveTimeout 60 s, one request per socket, up to 256 sockets per origin), so connections
// are kept alive without our help; `agent`/`httpAgent` are only read on its legacy
// fetchImplementation path, so giving one would change nothing. This script checks that the
// dispatcher was used, and peers.sh counts the connections nginx accepted: undici opens two per loop
// (a closed loop sends the next request before undici has put the last socket back in its pool)
// and reuses them from then on.
import ccxt from 'ccxt';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const url = args.url ?? fail('--url is missing');
const secretEnv = args['secret-env'] ?? 'BINANCE_SECRET';
const secret = process.env[secretEnv] ?? fail(`the environment variable ${secretEnv} (--secret-env) is not set`);
const sessions = Number(args.sessions ?? 8);
const requests = Number(args.requests ?? 100000);
const warmup = Number(args.warmup ?? 5000);

function fail(message) {
  console.error(`bench.mjs: ${message}`);
  process.exit(2);
}

const exchange = new ccxt.binance({ apiKey: args['api-key'] ?? fail('--api-key is missing'), secret, enableRateLimit: false });
// Every REST root (api/v3, sapi, fapi...) goes to the local server: only the origin changes, so
// privateGetAccount still asks for <url>/api/v3/account.
for (const [name, root] of Object.entries(exchange.urls.api)) {
  if (typeof root === 'string') exchange.urls.api[name] = root.replace(/^https?:\/\/[^/]+/, url);
}

// Runs n calls over `sessions` closed loops; latencies (ns) go into `latencies` when given.
async function drive(n, latencies) {
  let next = 0;
  const counts = { ok: 0, failed: 0, errors: 0 };
  const loop = async () => {
    for (let i = next++; i < n; i = next++) {
      const sent = process.hrtime.bigint();
      try {
        await exchange.privateGetAccount();
        counts.ok++;
      } catch (e) {
        // ExchangeError: the server answered with an error (4xx, or an error in the body).
        if (e instanceof ccxt.ExchangeError) counts.failed++; else counts.errors++;
        if (counts.failed + counts.errors === 1) console.error(`bench.mjs: first error: ${e.constructor.name}: ${e.message}`);
      }
      if (latencies) latencies[i] = Number(process.hrtime.bigint() - sent);
    }
  };
  await Promise.all(Array.from({ length: sessions }, loop));
  return counts;
}

await drive(warmup);
const latencies = new Float64Array(requests);
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const counts = await drive(requests, latencies);
const secs = Number(process.hrtime.bigint() - start) / 1e9;
const used = process.cpuUsage(cpu);
if (exchange.fetchDispatcher === undefined) fail('ccxt sent without its keep-alive undici dispatcher; connections may not have been reused');
latencies.sort();
// The same percentile rule as antrest bench: the value at floor(n * q) of the sorted latencies.
const pct = (q) => (requests ? latencies[Math.min(requests - 1, Math.floor(requests * q))] / 1e6 : 0);
console.log(`requests=${requests} ok=${counts.ok} failed=${counts.failed} errors=${counts.errors} dropped=0`
  + ` secs=${secs.toFixed(3)} rps=${(requests / secs).toFixed(0)} p50_ms=${pct(0.5).toFixed(3)}`
  + ` p99_ms=${pct(0.99).toFixed(3)} cpu_us_per_request=${((used.user + used.system) / requests).toFixed(1)}`);
await exchange.close?.();
process.exit(0);
