/**
 * Minutes as one self-contained, printable HTML document (inline CSS, no scripts, no external
 * resources, lang="da"). Every piece of record text is escaped.
 */
import { ActionView, AgendaView, CONFIDENTIAL_NOTE, DecisionView, MinutesView, REVEALED_NOTE } from './minutes.view';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Record text with its own line breaks: paragraphs on blank lines, <br> on single ones. */
function prose(s: string): string {
  return s
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

const e = escapeHtml;

const CSS = `
@page { size: A4; margin: 16mm 16mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef0f3; color: #1d2430; font: 10.5pt/1.45 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 210mm; margin: 24px auto; background: #fff; padding: 18mm 17mm 16mm; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
@media print { body { background: #fff; } .page { margin: 0; padding: 0; box-shadow: none; max-width: none; } }
header.doc { border-bottom: 2.5px solid #1f4e79; padding-bottom: 10px; margin-bottom: 14px; }
.kicker { color: #1f4e79; font-size: 9pt; letter-spacing: .06em; text-transform: uppercase; font-weight: 700; }
h1 { font-size: 20pt; margin: 2px 0 2px; line-height: 1.2; color: #14233a; }
.sub { color: #4a5568; font-size: 10pt; }
.draft { display: inline-block; margin-left: 8px; padding: 1px 8px; border: 1.5px solid #b45309; color: #b45309; border-radius: 3px; font-size: 8.5pt; font-weight: 700; letter-spacing: .08em; vertical-align: middle; }
table.facts { border-collapse: collapse; margin: 6px 0 4px; }
table.facts th { text-align: left; font-weight: 600; color: #4a5568; padding: 2px 18px 2px 0; vertical-align: top; white-space: nowrap; }
table.facts td { padding: 2px 0; }
h2 { font-size: 12.5pt; color: #1f4e79; margin: 20px 0 6px; padding-bottom: 3px; border-bottom: 1px solid #c9d3df; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 0 0 2px; color: #14233a; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6px; }
.attendance dt { font-weight: 700; margin-top: 4px; }
.attendance dd { margin: 0 0 4px 0; }
.attendance ul { margin: 0; padding-left: 18px; }
.attendance li { margin: 0; }
.people { color: #4a5568; }
.item { margin: 0 0 14px; padding: 8px 0 0; border-top: 1px solid #e2e8f0; break-inside: auto; }
.item:first-of-type { border-top: 0; }
.item-head { display: flex; gap: 10px; align-items: baseline; break-after: avoid; page-break-after: avoid; }
.num { font-weight: 700; color: #1f4e79; min-width: 1.8em; }
.meta { color: #4a5568; font-size: 9pt; margin: 0 0 4px; }
.tag { display: inline-block; font-size: 8pt; padding: 0 6px; border-radius: 3px; background: #edf2f7; color: #2d3748; margin-right: 4px; white-space: nowrap; }
.tag.deferred { background: #fef3c7; color: #92400e; }
.tag.conf { background: #fde2e2; color: #9b1c1c; }
.body { margin-left: calc(1.8em + 10px); }
.label { font-weight: 700; font-size: 9pt; text-transform: uppercase; letter-spacing: .04em; color: #4a5568; margin: 6px 0 2px; }
.outcome { border-left: 3px solid #1f4e79; padding-left: 8px; }
.decision { border: 1px solid #c9d3df; background: #f7fafc; border-radius: 4px; padding: 6px 9px; margin: 6px 0; break-inside: avoid; page-break-inside: avoid; }
.decision .head { font-size: 9pt; color: #4a5568; margin-bottom: 2px; }
.status { font-weight: 700; color: #1d2430; }
.redacted { color: #9b1c1c; font-style: italic; }
table.list { width: 100%; border-collapse: collapse; margin: 4px 0 8px; font-size: 9.5pt; table-layout: fixed; }
table.list th { text-align: left; font-size: 8.5pt; text-transform: uppercase; letter-spacing: .03em; color: #4a5568; border-bottom: 1.5px solid #a0aec0; padding: 3px 6px 3px 0; }
table.list td { border-bottom: 1px solid #e2e8f0; padding: 4px 6px 4px 0; vertical-align: top; }
table.list tr { break-inside: avoid; page-break-inside: avoid; }
table.list thead { display: table-header-group; }
.overdue { color: #9b1c1c; font-weight: 700; }
.small { font-size: 9pt; color: #4a5568; }
.note { background: #fff8e6; border: 1px solid #f6d68b; border-radius: 4px; padding: 6px 9px; margin: 10px 0; font-size: 9.5pt; }
.cancelled { background: #fde2e2; border-color: #f5a3a3; }
footer.doc { margin-top: 22px; padding-top: 6px; border-top: 1px solid #c9d3df; color: #718096; font-size: 8.5pt; display: flex; justify-content: space-between; gap: 12px; }
`;

function colgroup(widths: number[]): string {
  return `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
}

function actionTable(actions: ActionView[], withOrigin = false): string {
  const rows = actions
    .map((a) => {
      const title = a.redacted ? `<span class="redacted">${e(a.title)}</span>` : `${e(a.title)}${a.description ? `<div class="small">${e(a.description)}</div>` : ''}`;
      const origin = withOrigin ? `<td>${e((a as ActionView & { origin: string }).origin)}</td>` : '';
      return `<tr><td>${title}</td><td>${e(a.organisation)}${a.person ? `<div class="small">${e(a.person)}</div>` : ''}</td>${origin}<td${a.overdue ? ' class="overdue"' : ''}>${e(a.due)}${a.overdue ? '<div class="small overdue">overskredet</div>' : ''}</td><td>${e(a.status)}</td></tr>`;
    })
    .join('');
  const cols = withOrigin ? [38, 26, 13, 12, 11] : [44, 30, 14, 12];
  return `<table class="list">${colgroup(cols)}<thead><tr><th>Opgave</th><th>Ansvarlig</th>${withOrigin ? '<th>Fra mødet</th>' : ''}<th>Frist</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function decisionBlock(d: DecisionView): string {
  const head = [`<span class="status">Beslutning · ${e(d.status)}</span>`, ...d.references.map(e)].join(' · ');
  if (d.redacted) return `<div class="decision"><div class="head">${head}</div><div class="redacted">${e(d.text)}</div></div>`;
  const extra = [
    d.responsible.length ? `Ansvarlig: ${e(d.responsible.join(', '))}` : '',
    d.review ? `Revurderes: ${e(d.review)}` : '',
  ].filter(Boolean);
  return `<div class="decision"><div class="head">${head}</div>${prose(d.text)}${extra.length ? `<div class="small">${extra.join(' · ')}</div>` : ''}${d.supersedes ? `<div class="small">${e(d.supersedes)}</div>` : ''}</div>`;
}

function agendaItem(a: AgendaView): string {
  const tags = [
    `<span class="tag">${e(a.kind)}</span>`,
    a.status ? `<span class="tag${a.status === 'Udsat' ? ' deferred' : ''}">${e(a.status)}</span>` : '',
    a.confidential ? '<span class="tag conf">Fortroligt</span>' : '',
  ].join('');
  const meta = [a.presenter ? `Fremlægges af ${e(a.presenter)}` : '', a.plannedMinutes ? `${a.plannedMinutes} min.` : '', a.carriedOver ? e(a.carriedOver) : '']
    .filter(Boolean)
    .join(' · ');
  const parts: string[] = [];
  if (a.redacted) parts.push(`<p class="redacted">${e(CONFIDENTIAL_NOTE)}</p>`);
  if (a.description) parts.push(`<div class="label">Sagsfremstilling</div>${prose(a.description)}`);
  if (a.outcome) parts.push(`<div class="label">Referat</div><div class="outcome">${prose(a.outcome)}</div>`);
  for (const d of a.decisions) parts.push(decisionBlock(d));
  if (a.actions.length) parts.push(`<div class="label">Opgaver</div>${actionTable(a.actions)}`);
  return `<section class="item"><div class="item-head"><span class="num">${a.number}.</span><h3>${a.redacted ? `<span class="redacted">${e(a.title)}</span>` : e(a.title)}</h3></div>
<div class="body"><p class="meta">${tags}${meta ? ' ' + meta : ''}</p>${parts.join('\n')}</div></section>`;
}

export function minutesHtml(v: MinutesView): string {
  const facts = v.facts.map((f) => `<tr><th>${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  const attendance = v.attendance.length
    ? `<dl class="attendance">${v.attendance
        .map(
          (g) =>
            `<dt>${e(g.label)} (${g.entries.length} ${g.entries.length === 1 ? 'organisation' : 'organisationer'})</dt><dd><ul>${g.entries
              .map((o) => `<li>${e(o.organisation)}${o.people.length ? `: <span class="people">${e(o.people.join(', '))}</span>` : ''}</li>`)
              .join('')}</ul></dd>`,
        )
        .join('')}</dl>`
    : '<p class="small">Der er ikke registreret fremmøde.</p>';
  const sections: string[] = [];
  sections.push(`<h2>Deltagere</h2>${attendance}`);
  sections.push(
    `<h2>Dagsorden og referat</h2>${v.agenda.length ? v.agenda.map(agendaItem).join('\n') : '<p class="small">Mødet havde ingen punkter på dagsordenen.</p>'}`,
  );
  if (v.otherActions.length) sections.push(`<h2>Øvrige opgaver fra mødet</h2>${actionTable(v.otherActions)}`);
  if (v.notes) sections.push(`<h2>Bemærkninger</h2>${prose(v.notes)}`);
  const followUp: string[] = [];
  if (v.followUpActions.length) followUp.push(`<p class="small">Opgaver fra tidligere møder, som stadig var åbne ved mødets start.</p>${actionTable(v.followUpActions, true)}`);
  if (v.followUpAgenda.length) {
    followUp.push(
      `<div class="label">Udsatte punkter</div><table class="list">${colgroup([64, 20, 16])}<thead><tr><th>Punkt</th><th>Fra mødet</th><th>Status</th></tr></thead><tbody>${v.followUpAgenda
        .map((a) => `<tr><td>${a.redacted ? `<span class="redacted">${e(a.title)}</span>` : e(a.title)}</td><td>${e(a.origin)}</td><td>${e(a.status)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  sections.push(`<h2>Opfølgning</h2>${followUp.length ? followUp.join('') : '<p class="small">Ingen åbne opgaver eller udsatte punkter fra tidligere møder.</p>'}`);
  if (v.amendments.length) {
    sections.push(
      `<h2>Rettelser efter godkendelse</h2><table class="list">${colgroup([22, 22, 22, 34])}<thead><tr><th>Tidspunkt</th><th>Af</th><th>Rettelse</th><th>Begrundelse</th></tr></thead><tbody>${v.amendments
        .map((a) => `<tr><td>${e(a.at)}</td><td>${e(a.by)}</td><td>${e(a.what)}</td><td>${e(a.reason)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  const notes = [
    v.cancelled ? `<div class="note cancelled"><strong>Mødet er aflyst.</strong> ${e(v.cancelled)}</div>` : '',
    v.revealsConfidential ? `<div class="note cancelled"><strong>Fortroligt.</strong> ${e(REVEALED_NOTE)}</div>` : '',
    v.redactions ? `<div class="note">${v.redactions} ${v.redactions === 1 ? 'fortroligt element er' : 'fortrolige elementer er'} skjult i denne udgave. ${e(CONFIDENTIAL_NOTE.replace(/^Fortroligt punkt\. /, ''))}</div>` : '',
  ].join('');
  return `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(v.documentTitle)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="page">
<header class="doc">
<div class="kicker">${e(v.partnership)}</div>
<h1>Referat: ${e(v.forum)}${v.draft ? '<span class="draft">UDKAST</span>' : ''}</h1>
<div class="sub">${e(v.subtitle)}</div>
<table class="facts">${facts}</table>
</header>
${notes}
${sections.join('\n')}
<footer class="doc"><span>${e(v.partnership)} · ${e(v.forum)}</span><span>${e(v.generated)}</span></footer>
</main>
</body>
</html>
`;
}
