/** The demo's people to act as locally: the first administrator, coordinator and member of the partnership. */
import { DataSource } from 'typeorm';

export interface DemoIdentity {
  role: 'admin' | 'coordinator' | 'member';
  personId: string;
  name: string;
}

export async function demoIdentities(ds: DataSource): Promise<DemoIdentity[]> {
  const rows: { role: DemoIdentity['role']; person_id: string; name: string }[] = await ds.query(
    `SELECT DISTINCT ON (pa.role) pa.role::text AS role, pa.person_id, p.name
       FROM partnership_access pa JOIN person p ON p.id = pa.person_id
      WHERE pa.role IN ('admin', 'coordinator', 'member') AND p.erased_at IS NULL
      ORDER BY pa.role, pa.created_at, p.name`,
  );
  const order = ['coordinator', 'member', 'admin'];
  return rows.map((r) => ({ role: r.role, personId: r.person_id, name: r.name })).sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}
