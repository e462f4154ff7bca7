import { Scenario } from '../scenario';
export const twoProcesses: Scenario = { name: 'two-processes', budgetMs: 1000, async run() {} };
