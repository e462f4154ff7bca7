import { Scenario } from '../scenario';
export const conformance: Scenario = { name: 'conformance', budgetMs: 1000, async run() {} };
