// Writes docs/api.md from the action schemas in types/api.ts, so the API docs cannot drift from what
// the server validates. test/api/docs.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { API } from '../types/api';
import { HTTP_STATUS } from '../types/contract';

/** What each action answers with (`data` of a successful ApiResult); types are in types/model.ts. */
const RESULTS: Record<string, string> = {
  'report.submit': '`{ report: ReportDetail, duplicate: boolean }` — `duplicate` is true when this requestId was already filed (nothing new is written).',
  'report.list': '`{ reports: ReportSummary[] }` — the caller\'s own reports, newest first (at most 50).',
  'report.get': '`{ report: ReportDetail }` — only the caller\'s own; anyone else\'s answers 404 like a missing one.',
  'code.mine': '`MyCode` — `{ person, decision, qr: { token, expiresAt }, fetchedAt }`; `person`/`decision`/`qr` are null before the first report. The token lives 120 s; every read signs a new one. The app draws the QR of `token` itself (no image is sent).',
  'division.children': '`{ divisions: Division[] }` — provinces without `code`; below a town only Hechi villages/communities.',
  'division.riskAreas': '`{ listDate, areas: RiskAreaOption[] }` — the listed areas of a county in the list in force today.',
  'account.me': '`{ account: AccountView }`',
  'risk.upload': '`{ draft: RiskDraftView }` — the day\'s list as a draft: every row with its county (exact, a municipality\'s district written as the city, a city without counties, or a remembered mapping) or, unresolved, suggestions and the counties to pick from; the difference publishing would make; `blockers` until every row is resolved or excluded. CSV (UTF-8 or GBK), XLSX, or JSON (rows, `{ date, areas, confirmedCities }`, or the query service\'s `highlist`/`middlelist` with `communitys`); at most 5 MB. Bureau only.',
  'risk.draft': '`{ draft: RiskDraftView }`',
  'risk.resolve': '`{ draft: RiskDraftView }` — maps the row\'s names to a county (areas, 6 digits) or a city (cities, 4 digits) inside the row\'s province; remembered for later lists and applied to every row with the same names.',
  'risk.exclude': '`{ draft: RiskDraftView }` — the row is left out of the published list, with the reason kept on the version.',
  'risk.publish': '`{ version: RiskVersionSummary, recode: RecodeSummary }` — the list becomes that day\'s immutable version; the active reports (arrival within 28 days) touching a changed county or city are evaluated again: stricter codes apply at once, looser ones go to the area administrator (`recodeWorklist`).',
  'risk.versions': '`{ versions: RiskVersionSummary[] }` — newest first, with who published and what changed. All staff.',
  'risk.version': '`{ version: RiskVersionView }` — the areas, cities with cases, excluded rows and the difference from the previous version.',
  'risk.search': '`{ places }` — cities, counties, and municipalities\' streets whose names contain `q` (at most 20).',
  'risk.query': '`RiskQueryAnswer` — the areas (high, medium, sealed, controlled) of a city (4 digits; a municipality is `1100`…), county or municipal district (6) or street (9) in the list in force on `date` (default today). All staff.',
  'risk.recodeWorklist': '`{ items: RecodeWorkItem[] }` — looser codes new lists would give, in the caller\'s jurisdiction. Area administrators.',
  'risk.recodeDecide': '`{ item: RecodeWorkItem }` — `apply`: the report is evaluated with today\'s list and that code given, with the reason; otherwise the code is kept, with the reason. Each in the person\'s history and the audit log.',
};

const ERRORS: Record<string, string> = {
  'report.submit':
    'BAD_INPUT (schema; ID checksum; phone; arrival after today or more than 60 days ago; a departure after arrival or before the previous one; an unknown town or Hechi village; a county with listed areas and no pick; a pick not on the list), CONFLICT (the account is bound to another ID number), UNAUTHENTICATED',
  'report.get': 'NOT_FOUND, UNAUTHENTICATED',
  'risk.upload':
    'BAD_INPUT (a date in the future; a file that is empty, too large, not CSV/XLSX/JSON, with wrong columns, unknown levels, rows without a province/city/area, duplicate rows, or a date other than the chosen one — every problem named by its row), CONFLICT (that day\'s list is already published), FORBIDDEN, UNAUTHENTICATED',
  'risk.publish': 'BAD_INPUT (rows not yet resolved or excluded, named), CONFLICT (already published, or a later list is), NOT_FOUND (no draft), FORBIDDEN, UNAUTHENTICATED',
  'risk.query': 'BAD_INPUT (an unknown place; a date in the future), FORBIDDEN, UNAUTHENTICATED',
  'risk.recodeDecide': 'BAD_INPUT (no reason), NOT_FOUND, CONFLICT (already decided), FORBIDDEN (outside the jurisdiction), UNAUTHENTICATED',
};

type Node = TSchema & {
  type?: string;
  title?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  enum?: string[];
  const?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
};

function constraints(s: Node): string {
  const parts: string[] = [];
  if (s.enum) parts.push(`one of ${s.enum.map((v) => `\`${v}\``).join(', ')}`);
  if (s.const !== undefined) parts.push(`\`${s.const}\``);
  if (s.pattern) parts.push(`pattern \`${s.pattern.replace(/\|/g, '\\|')}\``);
  if (s.minLength !== undefined) parts.push(`≥ ${s.minLength} chars`);
  if (s.maxLength !== undefined) parts.push(`≤ ${s.maxLength} chars`);
  if (s.minItems !== undefined) parts.push(`≥ ${s.minItems} items`);
  if (s.maxItems !== undefined) parts.push(`≤ ${s.maxItems} items`);
  if (s.description) parts.push(s.description);
  return parts.join('; ');
}

function rows(schema: Node, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name;
    const required = (schema.required ?? []).includes(name) ? 'yes' : 'no';
    const type = prop.type === 'array' ? `${prop.items?.type ?? ''}[]` : (prop.type ?? 'string');
    out.push(`| \`${path}\` | ${type} | ${required} | ${prop.title ?? ''} | ${constraints(prop)} |`);
    if (prop.type === 'object') out.push(...rows(prop, `${path}.`));
    if (prop.type === 'array' && prop.items?.type === 'object') out.push(...rows(prop.items, `${path}[].`));
  }
  return out;
}

export function apiMarkdown(): string {
  const lines = [
    '# API',
    '',
    'Generated by `npm run docs:api` from `types/api.ts` — do not edit by hand.',
    '',
    'Every cloud function takes `data = { action, ...fields }` and answers `{ ok: true, data }` or',
    '`{ ok: false, error: { code, message, field? } }` (`message` in Chinese, fit to show a person; `field`',
    'names the offending field as a dotted path). In WeChat: `wx.cloud.callFunction({ name, data })`. Locally:',
    '`POST /api/<function>` with `data` as the JSON body; the status follows the error code:',
    '',
    '| code | HTTP | when |',
    '|---|---|---|',
    `| (ok) | 200 | |`,
    `| BAD_INPUT | ${HTTP_STATUS.BAD_INPUT} | the call does not match the action's fields, or a rule of the form (malformed JSON too) |`,
    `| UNAUTHENTICATED | ${HTTP_STATUS.UNAUTHENTICATED} | no session (local mode: sign in at \`/local/signin\`) |`,
    `| FORBIDDEN | ${HTTP_STATUS.FORBIDDEN} | the caller's role or jurisdiction does not allow it |`,
    `| NOT_FOUND | ${HTTP_STATUS.NOT_FOUND} | no such function, or a record the caller may not see |`,
    `| CONFLICT | ${HTTP_STATUS.CONFLICT} | the request contradicts what is stored |`,
    `| RATE_LIMITED | ${HTTP_STATUS.RATE_LIMITED} | too many attempts of one action by one account (reports, appeals, uploads, sign-ins); the message says when to retry |`,
    `| INTERNAL | ${HTTP_STATUS.INTERNAL} | a fault of ours; nothing half-written is left (retry with the same requestId) |`,
    '',
    'Unknown fields are refused. Types of results are in `types/model.ts`.',
    '',
  ];
  for (const [fn, actions] of Object.entries(API)) {
    lines.push(`## \`${fn}\``, '');
    for (const [action, schema] of Object.entries(actions as Record<string, Node>)) {
      const key = `${fn}.${action}`;
      lines.push(`### \`${key}\``, '', '| field | type | required | 名称 | constraints |', '|---|---|---|---|---|');
      lines.push(...rows(schema), '');
      lines.push(`**Result**: ${RESULTS[key] ?? '—'}`, '');
      lines.push(`**Errors**: ${ERRORS[key] ?? 'BAD_INPUT, UNAUTHENTICATED'}`, '');
    }
  }
  lines.push(
    '## Local mode only',
    '',
    '- `GET /local/accounts` → `{ ok, data: { accounts: [{ id, role, name, roleLabel }] } }` — the demo accounts.',
    '- `POST /local/signin` `{ accountId }` → sets the session cookie; `POST /local/signout` clears it.',
    '',
    'These routes do not exist when the host runs with `NODE_ENV=production`, nor in WeChat, where the',
    'identity is the caller\'s OPENID from the cloud context.',
    '',
  );
  return lines.join('\n');
}

if (resolve(process.argv[1] ?? '') === __filename) {
  const file = join(__dirname, '../docs/api.md');
  writeFileSync(file, apiMarkdown());
  console.log(`wrote ${file}`);
}
