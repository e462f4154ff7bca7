/** Reading documents back in tests: a PDF's text with pdfjs-dist (Mozilla's PDF.js). */

/** The text of every page, lines separated by newlines, pages by form feeds. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<{ pages: number; text: string }> {
  // pdfjs-dist is an ES module; TypeScript's node16 CommonJS output keeps this import() as it is.
  const pdfjs: any = await import('pdfjs-dist/legacy/build/pdf.mjs' as string);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it: { str: string; hasEOL?: boolean }) => it.str + (it.hasEOL ? '\n' : '')).join(''));
  }
  await doc.destroy();
  return { pages: pages.length, text: pages.join('\f') };
}
