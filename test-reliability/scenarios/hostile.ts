import { Scenario } from '../scenario';
export const hostile: Scenario = { name: 'hostile', budgetMs: 1000, async run() {} };
