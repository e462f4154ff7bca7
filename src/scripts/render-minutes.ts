/**
 * `npm run render:minutes -- [meetingId] [--as coordinator|member|admin|system|<person id>] [--out dir]`
 *
 * Renders a meeting's minutes as HTML and PDF (as the given reader; the demo coordinator by default)
 * and turns both into PNG pictures, to look at them as a person would:
 * - the HTML in headless Chromium (Debian's `chromium`): a screenshot of the screen view, and the
 *   printed pages (Chromium's print to PDF, then pdftoppm);
 * - the PDF's pages with pdftoppm (Debian's `poppler-utils`).
 * Without a meeting id it takes the demo's richest held meeting. Works while `npm start` runs (the
 * running embedded PostgreSQL is reused) and against DATABASE_URL.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { loadConfig, projectRoot } from '../config';
import { openDatabase } from '../db/database';
import { createContext } from '../context';
import { Principal, SYSTEM } from '../auth/principal';
import { demoIdentities } from '../auth/demo-identities';
import { minutesFor } from '../minutes/minutes.service';
import { minutesHtml } from '../minutes/minutes.html';
import { minutesPdf } from '../minutes/minutes.pdf';

function parseArgs(argv: string[]) {
  const out = { meetingId: null as string | null, as: 'coordinator', dir: path.join(projectRoot, 'out', 'minutes') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--as') out.as = argv[++i];
    else if (a === '--out') out.dir = path.resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run render:minutes -- [meetingId] [--as coordinator|member|admin|system|<person id>] [--out dir]');
      process.exit(0);
    } else out.meetingId = a;
  }
  return out;
}

/** The held meeting with the most content (agenda, decisions, actions, attendance, confidential items). */
async function richestHeldMeeting(ds: DataSource): Promise<string | null> {
  const rows: { id: string }[] = await ds.query(`
    SELECT m.id FROM meeting m
     WHERE m.status = 'held'
     ORDER BY (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id)
            + 3 * (SELECT count(*) FROM decision d WHERE d.meeting_id = m.id)
            + 2 * (SELECT count(*) FROM action_item ai WHERE ai.meeting_id = m.id)
            + (SELECT count(*) FROM attendance t WHERE t.meeting_id = m.id) / 4
            + 3 * (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id AND a.confidential) DESC,
            m.starts_at DESC
     LIMIT 1`);
  return rows[0]?.id ?? null;
}

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

function chromiumBinary(): string | null {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const c of ['chromium', 'chromium-browser', 'google-chrome']) {
    const p = which(c);
    if (p) return p;
  }
  return null;
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
}

/** PNG pages of a PDF, with pdftoppm; returns the files written. */
function pdfToPngs(pdftoppm: string, pdf: string, prefix: string): string[] {
  run(pdftoppm, ['-png', '-r', '80', pdf, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(base + '-') && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const db = await openDatabase(loadConfig(), undefined, { reuseRunning: true });
  let htmlFile: string;
  let pdfFile: string;
  try {
    const meetingId = args.meetingId ?? (await richestHeldMeeting(db.dataSource));
    if (!meetingId) throw new Error('No held meeting in the database: load the demo with `npm start` or `npm run seed`, or name a meeting id');
    let principal: Principal = SYSTEM;
    if (args.as !== 'system') {
      const ids = await demoIdentities(db.dataSource);
      const personId = ids.find((i) => i.role === args.as)?.personId ?? args.as;
      principal = { kind: 'person', personId, via: 'dev' };
    }
    const ctx = createContext(db.dataSource, { principal });
    const view = await minutesFor(ctx, meetingId);
    fs.mkdirSync(args.dir, { recursive: true });
    const base = path.join(args.dir, `minutes-${meetingId.slice(0, 8)}`);
    htmlFile = `${base}.html`;
    pdfFile = `${base}.pdf`;
    fs.writeFileSync(htmlFile, minutesHtml(view));
    fs.writeFileSync(pdfFile, await minutesPdf(view));
    console.log(`meeting ${meetingId}: ${view.documentTitle} (as ${args.as})`);
    console.log(`  ${htmlFile}\n  ${pdfFile}`);
  } finally {
    await db.close();
  }

  let missing = false;
  const pdftoppm = which('pdftoppm');
  const chromium = chromiumBinary();
  if (chromium) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-chromium-'));
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
    ];
    try {
      const shot = htmlFile.replace(/\.html$/, '-html-screen.png');
      run(chromium, [...flags, '--window-size=1000,1400', `--screenshot=${shot}`, `file://${htmlFile}`]);
      console.log(`  ${shot}  (Chromium, screen)`);
      const printed = htmlFile.replace(/\.html$/, '-html-print.pdf');
      run(chromium, [...flags, '--no-pdf-header-footer', `--print-to-pdf=${printed}`, `file://${htmlFile}`]);
      if (pdftoppm) for (const f of pdfToPngs(pdftoppm, printed, printed.replace(/\.pdf$/, ''))) console.log(`  ${f}  (Chromium, printed)`);
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  } else {
    missing = true;
    console.error('Chromium not found: the HTML was not rendered to PNG. Install it with `apt-get update && apt-get install -y chromium` (Debian), or set CHROMIUM=/path/to/chrome.');
  }
  if (pdftoppm) {
    for (const f of pdfToPngs(pdftoppm, pdfFile, pdfFile.replace(/\.pdf$/, '-pdf'))) console.log(`  ${f}  (PDF page)`);
  } else {
    missing = true;
    console.error('pdftoppm not found: the PDF pages were not rendered to PNG. Install it with `apt-get update && apt-get install -y poppler-utils` (Debian).');
  }
  if (missing) process.exitCode = 2;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
