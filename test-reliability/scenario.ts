/** What a reliability scenario is and what it reports. */
import type { Cluster } from './cluster';

export interface ScenarioReport {
  /** Load applied: requests, clients, processes. */
  load: string;
  /** Faults injected. */
  faults: string;
  /** Inputs tried (fuzzing, hostile documents, audits). */
  inputs: string;
  lost: number;
  duplicated: number;
  /** Further measurements and observations, one per line. */
  notes: string[];
  /** Broken expectations; the scenario passes when empty (and nothing was lost or duplicated). */
  failures: string[];
}

export interface SuiteEnv {
  cluster: Cluster;
  keyFile: string;
}

export interface Scenario {
  name: string;
  /** Hard bound on the scenario's time; past it the scenario fails. */
  budgetMs: number;
  run(env: SuiteEnv, report: ScenarioReport): Promise<void>;
}

export function newReport(): ScenarioReport {
  return { load: '-', faults: 'none', inputs: '-', lost: 0, duplicated: 0, notes: [], failures: [] };
}

/** Record a failed expectation (the scenario goes on, so the report shows everything that broke). */
export function expect(report: ScenarioReport, ok: boolean, message: string): boolean {
  if (!ok) report.failures.push(message);
  return ok;
}
