/** Full-text search: every searchable table has a generated tsvector column in the Danish configuration, GIN-indexed. */
export const TS_CONFIG = 'danish';

/** Expression for a STORED generated column over some text columns, weighted A, B, C… in order. */
export function tsvectorOf(...columns: string[]): string {
  const weights = ['A', 'B', 'C', 'D'];
  return columns
    .map((c, i) => `setweight(to_tsvector('${TS_CONFIG}', coalesce(${c}, '')), '${weights[Math.min(i, 3)]}')`)
    .join(' || ');
}
