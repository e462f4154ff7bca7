/**
 * Minutes as a PDF (A4, PDFKit) from the same view as the HTML. The text is set in DejaVu Sans
 * Condensed, embedded (subset) from the dejavu-fonts-ttf package, so Danish letters (æøå ÆØÅ) and
 * names from other alphabets render and extract correctly on any machine. Every page carries the
 * forum, the date and "side x af y".
 */
import fs from 'node:fs';
import path from 'node:path';
import type PDFKitModule from 'pdfkit';
import { ActionView, AgendaView, CONFIDENTIAL_NOTE, DecisionView, MinutesView, REVEALED_NOTE } from './minutes.view';

type Doc = PDFKit.PDFDocument;

const FONT_FILES = {
  regular: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
  italic: 'DejaVuSansCondensed-Oblique.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | null = null;

function loadFonts(): Record<FontName, Buffer> {
  if (!fonts) {
    // The package has no entry point; locate it through its package.json.
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))])) as Record<FontName, Buffer>;
  }
  return fonts;
}

const C = {
  ink: '#1d2430',
  muted: '#4a5568',
  faint: '#718096',
  blue: '#1f4e79',
  rule: '#c9d3df',
  light: '#e2e8f0',
  boxBg: '#f7fafc',
  red: '#9b1c1c',
  amber: '#b45309',
  noteBg: '#fff8e6',
  noteBorder: '#f6d68b',
};

const PAGE = { margin: { top: 62, bottom: 64, left: 52, right: 52 } };

interface Column {
  header: string;
  width: number; // share of the table width
}

interface Cell {
  text: string;
  /** A second, smaller line (a description, a person, "overskredet"). */
  sub?: string | null;
  subColor?: string;
  color?: string;
  font?: FontName;
}

/** A flowing layout over PDFKit: measures before drawing so blocks never split awkwardly. */
class Flow {
  readonly left: number;
  readonly width: number;
  constructor(readonly doc: Doc) {
    this.left = PAGE.margin.left;
    this.width = doc.page.width - PAGE.margin.left - PAGE.margin.right;
  }

  get bottom(): number {
    return this.doc.page.height - PAGE.margin.bottom;
  }

  font(name: FontName, size: number, color = C.ink): this {
    this.doc.font(name).fontSize(size).fillColor(color);
    return this;
  }

  height(text: string, name: FontName, size: number, width: number, lineGap = 1.5): number {
    this.doc.font(name).fontSize(size);
    return this.doc.heightOfString(text, { width, lineGap });
  }

  /** Start a new page unless `h` points still fit. */
  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) {
      this.doc.addPage();
      this.doc.x = this.left;
    }
  }

  gap(h: number): void {
    this.doc.y += h;
  }

  text(text: string, o: { font?: FontName; size?: number; color?: string; indent?: number; width?: number; lineGap?: number; keep?: number } = {}): void {
    const font = o.font ?? 'regular';
    const size = o.size ?? 10;
    const indent = o.indent ?? 0;
    const width = o.width ?? this.width - indent;
    const lineGap = o.lineGap ?? 1.5;
    const h = this.height(text, font, size, width, lineGap);
    // Short blocks stay whole; long ones may break across pages, but not before their first lines.
    this.ensure(Math.min(h, o.keep ?? 40));
    this.font(font, size, o.color ?? C.ink);
    this.doc.text(text, this.left + indent, this.doc.y, { width, lineGap });
    this.doc.x = this.left;
  }

  rule(color = C.rule, weight = 0.8, indent = 0): void {
    const y = this.doc.y;
    this.doc.save().moveTo(this.left + indent, y).lineTo(this.left + this.width, y).lineWidth(weight).strokeColor(color).stroke().restore();
  }

  heading(text: string): void {
    this.ensure(70);
    this.gap(12);
    this.text(text, { font: 'bold', size: 12.5, color: C.blue, keep: 70 });
    this.gap(2);
    this.rule();
    this.gap(7);
  }

  label(text: string, indent: number): void {
    this.ensure(34);
    this.gap(4);
    this.text(text.toUpperCase(), { font: 'bold', size: 7.8, color: C.muted, indent });
    this.gap(1.5);
  }

  /** A filled, bordered box around lines of text, kept on one page when it fits on one. */
  box(lines: { text: string; font?: FontName; size?: number; color?: string }[], o: { indent: number; bg: string; border: string; padding?: number }): void {
    const pad = o.padding ?? 7;
    const innerWidth = this.width - o.indent - 2 * pad;
    const heights = lines.map((l) => this.height(l.text, l.font ?? 'regular', l.size ?? 9.5, innerWidth) + 2);
    const total = heights.reduce((a, b) => a + b, 0) + 2 * pad - 2;
    if (total < this.bottom - PAGE.margin.top) this.ensure(total + 4);
    const x = this.left + o.indent;
    let y = this.doc.y;
    const boxHeight = Math.min(total, this.bottom - y);
    this.doc.save().roundedRect(x, y, this.width - o.indent, boxHeight, 3).lineWidth(0.7).fillAndStroke(o.bg, o.border).restore();
    y += pad;
    lines.forEach((l, i) => {
      this.font(l.font ?? 'regular', l.size ?? 9.5, l.color ?? C.ink);
      this.doc.text(l.text, x + pad, y, { width: innerWidth, lineGap: 1.5 });
      y += heights[i];
    });
    this.doc.x = this.left;
    this.doc.y = Math.max(this.doc.y, y - 2 + pad) + 5;
  }

  /** A table whose rows never split and whose header repeats on every page it runs onto. */
  table(columns: Column[], rows: Cell[][], indent = 0, label?: string): void {
    const total = columns.reduce((a, c) => a + c.width, 0);
    const tableWidth = this.width - indent;
    const widths = columns.map((c) => (c.width / total) * tableWidth);
    const padX = 5;
    const padY = 3.5;
    const size = 8.8;
    const x0 = this.left + indent;
    const cellHeight = (c: Cell, w: number) =>
      this.height(c.text, c.font ?? 'regular', size, w - padX) + (c.sub ? this.height(c.sub, 'regular', size - 1, w - padX) + 1 : 0);
    const header = () => {
      const h = 14;
      const y = this.doc.y;
      let x = x0;
      this.font('bold', 7.6, C.muted);
      columns.forEach((c, i) => {
        this.doc.text(c.header.toUpperCase(), x, y + 2, { width: widths[i] - padX, lineBreak: false });
        x += widths[i];
      });
      this.doc.y = y + h - 2;
      this.doc.save().moveTo(x0, this.doc.y).lineTo(x0 + tableWidth, this.doc.y).lineWidth(1).strokeColor('#a0aec0').stroke().restore();
      this.doc.y += 1;
    };
    const heights = rows.map((r) => Math.max(...r.map((c, i) => cellHeight(c, widths[i]))) + 2 * padY);
    // The label, the header and the first row stay together.
    this.ensure((label ? 22 : 0) + 16 + (heights[0] ?? 0));
    if (label) this.label(label, indent);
    header();
    rows.forEach((row, ri) => {
      if (this.doc.y + heights[ri] > this.bottom) {
        this.doc.addPage();
        header();
      }
      const top = this.doc.y;
      let x = x0;
      row.forEach((c, i) => {
        this.font(c.font ?? 'regular', size, c.color ?? C.ink);
        this.doc.text(c.text, x, top + padY, { width: widths[i] - padX, lineGap: 1.5 });
        if (c.sub) {
          this.font(c.subColor ? 'bold' : 'regular', size - 1, c.subColor ?? C.muted);
          this.doc.text(c.sub, x, this.doc.y + 1, { width: widths[i] - padX, lineGap: 1.5 });
        }
        x += widths[i];
      });
      this.doc.y = top + heights[ri];
      this.doc.save().moveTo(x0, this.doc.y).lineTo(x0 + tableWidth, this.doc.y).lineWidth(0.5).strokeColor(C.light).stroke().restore();
    });
    this.doc.x = this.left;
    this.gap(6);
  }
}

const ACTION_COLUMNS: Column[] = [
  { header: 'Opgave', width: 44 },
  { header: 'Ansvarlig', width: 30 },
  { header: 'Frist', width: 14 },
  { header: 'Status', width: 12 },
];
const FOLLOW_UP_COLUMNS: Column[] = [
  { header: 'Opgave', width: 38 },
  { header: 'Ansvarlig', width: 26 },
  { header: 'Fra mødet', width: 13 },
  { header: 'Frist', width: 12 },
  { header: 'Status', width: 11 },
];

function actionRow(a: ActionView, origin?: string): Cell[] {
  const cells: Cell[] = [
    a.redacted ? { text: a.title, color: C.red, font: 'italic' } : { text: a.title, sub: a.description },
    { text: a.organisation, sub: a.person },
  ];
  if (origin !== undefined) cells.push({ text: origin });
  cells.push(a.overdue ? { text: a.due, color: C.red, font: 'bold', sub: 'overskredet', subColor: C.red } : { text: a.due });
  cells.push({ text: a.status });
  return cells;
}

function decision(flow: Flow, d: DecisionView, indent: number): void {
  const head = [`Beslutning · ${d.status}`, ...d.references].join(' · ');
  const lines: { text: string; font?: FontName; size?: number; color?: string }[] = [{ text: head, font: 'bold', size: 8.5, color: C.muted }];
  if (d.redacted) lines.push({ text: d.text, font: 'italic', color: C.red });
  else {
    lines.push({ text: d.text });
    const extra = [d.responsible.length ? `Ansvarlig: ${d.responsible.join(', ')}` : '', d.review ? `Revurderes: ${d.review}` : ''].filter(Boolean).join(' · ');
    if (extra) lines.push({ text: extra, size: 8.5, color: C.muted });
    if (d.supersedes) lines.push({ text: d.supersedes, size: 8.5, color: C.muted });
  }
  flow.box(lines, { indent, bg: C.boxBg, border: C.rule });
}

function agendaItem(flow: Flow, a: AgendaView): void {
  const doc = flow.doc;
  const indent = 22;
  const titleHeight = flow.height(a.title, 'bold', 11, flow.width - indent);
  // A short item is kept on one page; a long one starts where it is and flows on.
  const w = flow.width - indent;
  const estimate =
    titleHeight + 22 +
    (a.redacted ? flow.height(CONFIDENTIAL_NOTE, 'italic', 9.5, w) : 0) +
    (a.description ? 16 + flow.height(a.description, 'regular', 9.5, w) : 0) +
    (a.outcome ? 16 + flow.height(a.outcome, 'regular', 10, w - 8) : 0) +
    a.decisions.reduce(
      (sum, d) =>
        sum + 30 + flow.height(d.text, 'regular', 9.5, w - 14) +
        (d.responsible.length || d.review ? flow.height(`Ansvarlig: ${d.responsible.join(', ')} · Revurderes: 00.00.0000`, 'regular', 8.5, w - 14) : 0) +
        (d.supersedes ? flow.height(d.supersedes, 'regular', 8.5, w - 14) : 0),
      0,
    ) +
    (a.actions.length ? 40 + a.actions.reduce((sum, x) => sum + 12 + flow.height(`${x.title}\n${x.description ?? ''}`, 'regular', 8.8, w * 0.44), 0) : 0);
  flow.ensure(estimate * 1.1 < (flow.bottom - PAGE.margin.top) * 0.6 ? estimate * 1.1 : titleHeight + 40);
  flow.gap(6);
  const top = doc.y;
  flow.font('bold', 11, C.blue);
  doc.text(`${a.number}.`, flow.left, top, { width: indent, lineBreak: false });
  flow.font(a.redacted ? 'italic' : 'bold', 11, a.redacted ? C.red : C.ink);
  doc.text(a.title, flow.left + indent, top, { width: flow.width - indent, lineGap: 1.5 });
  doc.x = flow.left;
  flow.gap(1);
  const meta = [a.kind, a.status, a.confidential ? 'Fortroligt' : '', a.presenter ? `Fremlægges af ${a.presenter}` : '', a.plannedMinutes ? `${a.plannedMinutes} min.` : '', a.carriedOver ?? '']
    .filter(Boolean)
    .join(' · ');
  flow.text(meta, { size: 8.5, color: a.confidential ? C.red : a.status === 'Udsat' ? C.amber : C.muted, indent });
  flow.gap(2);
  if (a.redacted) flow.text(CONFIDENTIAL_NOTE, { font: 'italic', size: 9.5, color: C.red, indent });
  if (a.description) {
    flow.label('Sagsfremstilling', indent);
    flow.text(a.description, { size: 9.5, indent });
  }
  if (a.outcome) {
    flow.label('Referat', indent);
    const start = doc.y;
    const startPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
    flow.text(a.outcome, { size: 10, indent: indent + 8 });
    const endPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
    // The outcome's bar on its left, on the page where it ends (from its start when on the same page).
    const barTop = startPage === endPage ? start : PAGE.margin.top;
    doc.save().moveTo(flow.left + indent + 1.5, barTop).lineTo(flow.left + indent + 1.5, doc.y - 2).lineWidth(2.2).strokeColor(C.blue).stroke().restore();
  }
  flow.gap(3);
  for (const d of a.decisions) decision(flow, d, indent);
  if (a.actions.length) {
    flow.table(ACTION_COLUMNS, a.actions.map((x) => actionRow(x)), indent, 'Opgaver');
  }
  flow.gap(4);
}

/** Footer and running header on every page, once the page count is known. */
function decoratePages(doc: Doc, v: MinutesView): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not start new pages.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const left = PAGE.margin.left;
    const width = doc.page.width - PAGE.margin.left - PAGE.margin.right;
    const footY = doc.page.height - PAGE.margin.bottom + 22;
    doc.save().moveTo(left, footY - 6).lineTo(left + width, footY - 6).lineWidth(0.6).strokeColor(C.rule).stroke().restore();
    doc.font('regular').fontSize(7.8).fillColor(C.faint);
    doc.text(`${v.partnership} · ${v.forum} · ${v.generated}`, left, footY, { width: width - 80, lineBreak: false });
    doc.text(`Side ${i - range.start + 1} af ${total}`, left + width - 80, footY, { width: 80, align: 'right', lineBreak: false });
    if (i > range.start) {
      doc.text(`Referat: ${v.forum} · ${v.facts[0].value}${v.draft ? ' · UDKAST' : ''}${v.revealsConfidential ? ' · FORTROLIGT' : ''}`, left, 30, { width, lineBreak: false });
      doc.save().moveTo(left, 44).lineTo(left + width, 44).lineWidth(0.6).strokeColor(C.rule).stroke().restore();
    }
    doc.page.margins.bottom = saved;
  }
}

export function minutesPdf(v: MinutesView): Promise<Buffer> {
  const f = loadFonts();
  // Loaded on first use (pdfkit is large; most processes never render a PDF).
  const PDFDocument: typeof PDFKitModule = require('pdfkit');
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: PAGE.margin,
    bufferPages: true,
    lang: 'da-DK',
    displayTitle: true,
    info: { Title: v.documentTitle, Subject: `Referat af ${v.meetingTitle}`, Author: v.partnership, Creator: 'Partnership Record' },
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.registerFont('italic', f.italic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const flow = new Flow(doc);
  doc.y = PAGE.margin.top - 12;
  flow.text(v.partnership.toUpperCase(), { font: 'bold', size: 8.5, color: C.blue });
  flow.gap(2);
  const title = `Referat: ${v.forum}`;
  flow.font('bold', 19, '#14233a');
  const titleTop = doc.y;
  doc.text(title, flow.left, titleTop, { width: flow.width - (v.draft ? 70 : 0), lineGap: 1 });
  if (v.draft) {
    const badgeY = titleTop + 4;
    const bx = flow.left + flow.width - 62;
    doc.save().roundedRect(bx, badgeY, 62, 17, 2.5).lineWidth(1.2).strokeColor(C.amber).stroke().restore();
    flow.font('bold', 8.5, C.amber);
    doc.text('UDKAST', bx, badgeY + 4.5, { width: 62, align: 'center', lineBreak: false });
  }
  doc.x = flow.left;
  flow.gap(4);
  flow.text(v.subtitle, { size: 9.5, color: C.muted });
  flow.gap(6);
  for (const fact of v.facts) {
    const y = doc.y;
    flow.font('bold', 9.5, C.muted);
    doc.text(fact.label, flow.left, y, { width: 70, lineBreak: false });
    flow.font('regular', 9.5, C.ink);
    doc.text(fact.value, flow.left + 72, y, { width: flow.width - 72, lineGap: 1 });
    doc.x = flow.left;
    flow.gap(1.5);
  }
  flow.gap(6);
  flow.rule(C.blue, 2);
  flow.gap(10);

  if (v.cancelled) flow.box([{ text: `Mødet er aflyst. ${v.cancelled}`, font: 'bold' }], { indent: 0, bg: '#fde2e2', border: '#f5a3a3' });
  if (v.revealsConfidential) {
    flow.box([{ text: `Fortroligt. ${REVEALED_NOTE}`, size: 9, font: 'bold', color: C.red }], { indent: 0, bg: '#fde2e2', border: '#f5a3a3' });
  }
  if (v.redactions) {
    const what = v.redactions === 1 ? 'fortroligt element er' : 'fortrolige elementer er';
    flow.box([{ text: `${v.redactions} ${what} skjult i denne udgave. ${CONFIDENTIAL_NOTE.replace(/^Fortroligt punkt\. /, '')}`, size: 9 }], {
      indent: 0,
      bg: C.noteBg,
      border: C.noteBorder,
    });
  }

  flow.heading('Deltagere');
  if (!v.attendance.length) flow.text('Der er ikke registreret fremmøde.', { size: 9.5, color: C.muted });
  for (const g of v.attendance) {
    flow.text(`${g.label} (${g.entries.length} ${g.entries.length === 1 ? 'organisation' : 'organisationer'})`, { font: 'bold', size: 9.5, keep: 30 });
    flow.gap(1);
    for (const o of g.entries) {
      flow.text(`•  ${o.organisation}${o.people.length ? `: ${o.people.join(', ')}` : ''}`, { size: 9.5, indent: 8 });
    }
    flow.gap(5);
  }

  flow.heading('Dagsorden og referat');
  if (!v.agenda.length) flow.text('Mødet havde ingen punkter på dagsordenen.', { size: 9.5, color: C.muted });
  v.agenda.forEach((a, i) => {
    if (i > 0) {
      flow.ensure(60);
      flow.rule(C.light, 0.6);
    }
    agendaItem(flow, a);
  });

  if (v.otherActions.length) {
    flow.heading('Øvrige opgaver fra mødet');
    flow.table(ACTION_COLUMNS, v.otherActions.map((x) => actionRow(x)));
  }
  if (v.notes) {
    flow.heading('Bemærkninger');
    flow.text(v.notes, { size: 10 });
  }

  flow.heading('Opfølgning');
  if (v.followUpActions.length) {
    flow.text('Opgaver fra tidligere møder, som stadig var åbne ved mødets start.', { size: 9, color: C.muted });
    flow.gap(3);
    flow.table(FOLLOW_UP_COLUMNS, v.followUpActions.map((a) => actionRow(a, a.origin)));
  }
  if (v.followUpAgenda.length) {
    flow.table(
      [
        { header: 'Punkt', width: 64 },
        { header: 'Fra mødet', width: 20 },
        { header: 'Status', width: 16 },
      ],
      v.followUpAgenda.map((a) => [a.redacted ? { text: a.title, color: C.red, font: 'italic' as const } : { text: a.title }, { text: a.origin }, { text: a.status }]),
      0,
      'Udsatte punkter',
    );
  }
  if (!v.followUpActions.length && !v.followUpAgenda.length) {
    flow.text('Ingen åbne opgaver eller udsatte punkter fra tidligere møder.', { size: 9.5, color: C.muted });
  }

  if (v.amendments.length) {
    flow.heading('Rettelser efter godkendelse');
    flow.table(
      [
        { header: 'Tidspunkt', width: 22 },
        { header: 'Af', width: 22 },
        { header: 'Rettelse', width: 22 },
        { header: 'Begrundelse', width: 34 },
      ],
      v.amendments.map((a) => [{ text: a.at }, { text: a.by }, { text: a.what }, { text: a.reason }]),
    );
  }

  decoratePages(doc, v);
  doc.end();
  return done;
}
