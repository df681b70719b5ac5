// The core file workloads of the benchmark table (bench/e2e.cpp) as DuckDB batch queries over
// the same input CSVs, each written to a CSV file as eddy's are, timed, and checked against
// eddy's output files: same row count and the same rows (as multisets). Prints both times.
//
//   make bench-duckdb                      # runs eddy's core cases first, then this
//   node bench/duckdb/run.mjs [--rows N] [--repeat N] [--eddy-csv FILE]
//
// --eddy-csv: the table eddy_e2e wrote with --csv-out (for eddy's times); without it only
// DuckDB's side and the row checks are printed. Inputs and eddy's outputs are read from
// /tmp/eddy_bench (bench/e2e_data.cpp writes them).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const rows = Number(option('--rows', '3000000'));
const repeat = Math.max(1, Number(option('--repeat', '1')));
const eddyCsv = option('--eddy-csv', '');
const dir = '/tmp/eddy_bench';

const input = {
  events: `${dir}/events_${rows}.csv`,
  left: `${dir}/join_left_${rows}.csv`,
  right: `${dir}/join_right_${rows}.csv`,
};
for (const path of Object.values(input)) {
  if (!existsSync(path)) {
    console.error(`missing ${path}: run build/bench/eddy_e2e --only core --rows ${rows} first`);
    process.exit(2);
  }
}

const events = (path) =>
  `read_csv('${path}', header = true, columns = {'uid': 'VARCHAR', 'ts': 'TIMESTAMP'})`;

// Each workload: eddy's case name, the query, and the columns of eddy's output file (in order).
// The queries compute what eddy's streaming queries emit once their input has ended.
const workloads = [
  {
    eddy: 'core timeout 5 s',
    out: 'out_timeout',
    columns: { uid: 'VARCHAR', n: 'BIGINT', idle_at: 'TIMESTAMP' },
    // GROUP BY uid TIMEOUT INTERVAL '5' SECOND (KEEP STATE): a row per key and idle period, with
    // the key's count so far, when the key's next row comes more than 5 s after its last one (a
    // row at exactly last + 5 s arrives before the watermark reaches the timer there, so it keeps
    // the key busy, as in Flink), and for every key at the end of the input.
    sql: `
      WITH e AS (
        SELECT uid, ts, row_number() OVER w AS n, lead(ts) OVER w AS next_ts
        FROM ${events(input.events)} WINDOW w AS (PARTITION BY uid ORDER BY ts))
      SELECT uid, n, ts + INTERVAL 5 SECOND AS idle_at FROM e
      WHERE next_ts IS NULL OR next_ts > ts + INTERVAL 5 SECOND`,
  },
  {
    eddy: 'core tumble 10 s',
    out: 'out_tumble',
    columns: { uid: 'VARCHAR', window_start: 'TIMESTAMP', window_end: 'TIMESTAMP', n: 'BIGINT' },
    sql: `
      SELECT uid, time_bucket(INTERVAL 10 SECOND, ts) AS window_start,
             time_bucket(INTERVAL 10 SECOND, ts) + INTERVAL 10 SECOND AS window_end, count(*) AS n
      FROM ${events(input.events)} GROUP BY ALL`,
  },
  {
    eddy: 'core interval join',
    out: 'out_join',
    columns: { uid: 'VARCHAR', a_ts: 'TIMESTAMP', b_ts: 'TIMESTAMP' },
    sql: `
      SELECT a.uid, a.ts AS a_ts, b.ts AS b_ts
      FROM ${events(input.left)} a JOIN ${events(input.right)} b
        ON a.uid = b.uid AND b.ts BETWEEN a.ts - INTERVAL 1 SECOND AND a.ts + INTERVAL 10 SECOND`,
  },
];

// eddy's seconds per case name, from eddy_e2e --csv-out.
const eddySeconds = new Map();
if (eddyCsv && existsSync(eddyCsv)) {
  const [header, ...lines] = readFileSync(eddyCsv, 'utf8').trim().split('\n');
  const names = header.split(',');
  for (const line of lines) {
    const cells = line.split(',');
    const name = cells[0].replace(/"/g, '');
    eddySeconds.set(name, Number(cells[names.indexOf('seconds')]));
  }
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const scalar = async (sql) => (await db.runAndReadAll(sql)).getRows()[0][0];
const version = await scalar('SELECT version()');
const threads = await scalar("SELECT current_setting('threads')");
console.log(`DuckDB ${version} (${threads} threads), ${rows} events (${dir})`);
console.log(
  `${'workload'.padEnd(22)} ${'eddy s'.padStart(8)} ${'duckdb s'.padStart(9)} ` +
    `${'eddy/duckdb'.padStart(11)} ${'eddy rows'.padStart(10)} ${'duckdb rows'.padStart(11)}  check`,
);

let allMatch = true;
for (const w of workloads) {
  const result = `${dir}/duckdb_${w.out}.csv`;
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await db.run(`COPY (${w.sql}) TO '${result}' (HEADER)`);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  const columns = Object.entries(w.columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ');
  const read = (path) => `read_csv('${path}', header = true, columns = {${columns}})`;
  const eddyOut = `${dir}/${w.out}.csv`;
  const duckRows = Number(await scalar(`SELECT count(*) FROM ${read(result)}`));
  let eddyRows = NaN;
  let check = `no eddy output ${eddyOut}`;
  if (existsSync(eddyOut)) {
    eddyRows = Number(await scalar(`SELECT count(*) FROM ${read(eddyOut)}`));
    const onlyEddy = Number(
      await scalar(`SELECT count(*) FROM (FROM ${read(eddyOut)} EXCEPT ALL FROM ${read(result)})`),
    );
    const onlyDuck = Number(
      await scalar(`SELECT count(*) FROM (FROM ${read(result)} EXCEPT ALL FROM ${read(eddyOut)})`),
    );
    const same = eddyRows === duckRows && onlyEddy === 0 && onlyDuck === 0;
    check = same
      ? 'same rows'
      : `DIFFERENT: ${onlyEddy} rows only in eddy's, ${onlyDuck} only in DuckDB's`;
  }
  allMatch &&= check === 'same rows';
  const eddyS = eddySeconds.get(w.eddy);
  console.log(
    `${w.eddy.replace('core ', '').padEnd(22)} ${(eddyS ? eddyS.toFixed(3) : '-').padStart(8)} ` +
      `${best.toFixed(3).padStart(9)} ${(eddyS ? (eddyS / best).toFixed(2) : '-').padStart(11)} ` +
      `${String(eddyRows).padStart(10)} ${String(duckRows).padStart(11)}  ${check}`,
  );
}
process.exit(allMatch ? 0 : 1);
