import { Scenario } from '../scenario';
export const sigkill: Scenario = { name: 'sigkill', budgetMs: 1000, async run() {} };
