/**
 * Re-render the report from saved results after a change to the report's code, without measuring again:
 *
 *   node dist/bench/rereport.js bench/results/<date>-scale1.json bench/results/<date>-national.json [-- <argv of the run>]
 *
 * Rewrites docs/PERFORMANCE.md and the targets stored in each results file. The measurements are
 * the files' own; only their evaluation and presentation are redone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Machine, ScaleResult, evaluateTargets, resultsJson, writeReport } from './lib/report';

const ROOT = path.resolve(__dirname, '../..');

function main(): void {
  const args = process.argv.slice(2);
  const sep = args.indexOf('--');
  const files = sep < 0 ? args : args.slice(0, sep);
  const argv = sep < 0 ? [] : args.slice(sep + 1);
  if (!files.length) throw new Error('usage: rereport <results.json>… [-- <argv of the run>]');
  const saved = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as ScaleResult & { machine: Machine; targets?: unknown });
  const machine = saved[0].machine;
  const results = saved.map(({ machine: _m, targets: _t, ...r }) => r as ScaleResult);
  const targets = evaluateTargets(results);
  files.forEach((f, i) => fs.writeFileSync(f, resultsJson(saved[i].machine, results[i], targets)));
  writeReport(path.join(ROOT, 'docs/PERFORMANCE.md'), results, targets, machine, argv);
  console.log(`rewrote docs/PERFORMANCE.md and ${files.length} results file(s)`);
}

main();
