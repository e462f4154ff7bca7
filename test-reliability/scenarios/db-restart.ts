import { Scenario } from '../scenario';
export const dbRestart: Scenario = { name: 'db-restart', budgetMs: 1000, async run() {} };
