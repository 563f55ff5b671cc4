// Writes docs/api.md from the action schemas and declarations in types/api/<fn>.ts and the result
// types of their `<Fn>Outputs`, so the API docs cannot drift from what the server validates and enforces. test/api/docs.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import type { TSchema } from '@sinclair/typebox';
import { API, RULES } from '../types/api';
import type { AnyRule } from '../types/api/actions';
import { HTTP_STATUS, type ErrorCode } from '../types/contract';
import { PERMISSIONS } from '../domain/staff/permissions';

/**
 * What a result means where its type alone does not say it. The type itself is read from the
 * function's `<Fn>Outputs` (resultTypes below); errors, permission, scope, audit and retry key come
 * from the action's declaration (types/api/<fn>.ts `*_RULES`).
 */
const RESULT_NOTES: Record<string, string> = {
  'report.submit': '`duplicate` is true when this requestId was already filed (nothing new is written).',
  'report.list': "the caller's own reports, newest first (at most 50).",
  'code.mine': '`person`/`decision`/`qr` are null before the first report. The token lives 120 s; every read signs a new one. The app draws the QR of `token` itself (no image is sent).',
  'division.children': 'provinces without `code`; below a town only Hechi villages/communities.',
  'division.riskAreas': 'the listed areas of a county in the list in force today.',
  'risk.upload':
    "the day's list as a draft: every row with its county (exact, a municipality's district written as the city, a city without counties, or a remembered mapping) or, unresolved, suggestions and the counties to pick from; the difference publishing would make; `blockers` until every row is resolved or excluded. CSV (UTF-8 or GBK), XLSX, or JSON (rows, `{ date, areas, confirmedCities }`, or the query service's `highlist`/`middlelist` with `communitys`); at most 5 MB.",
  'risk.resolve': "maps the row's names to a county (areas, 6 digits) or a city (cities, 4 digits) inside the row's province; remembered for later lists and applied to every row with the same names.",
  'risk.exclude': "the row is left out of the published list, with the reason kept on the version.",
  'risk.publish':
    "the list becomes that day's immutable version; the active reports (arrival within 28 days) touching a changed county or city are evaluated again: stricter codes apply at once, looser ones go to the area administrator (`recodeWorklist`).",
  'risk.versions': 'newest first, with who published and what changed.',
  'risk.version': 'the areas, cities with cases, excluded rows and the difference from the previous version.',
  'risk.search': "cities, counties, and municipalities' streets whose names contain `q` (at most 20).",
  'risk.query': 'the areas (high, medium, sealed, controlled) of a city (4 digits; a municipality is `1100`…), county or municipal district (6) or street (9) in the list in force on `date` (default today).',
  'risk.recodeWorklist': "looser codes new lists would give, in the caller's jurisdiction.",
  'staff.searchAudit':
    'newest first. The count stops at 10,000: with more matches `total` is 10,000 and `totalCapped` is true ("超过10000条"); every entry can still be paged to, and a narrower search (a day, an actor, a person) gets its exact count. No date window is imposed.',
  'risk.recodeDecide': "`apply`: the report is evaluated with today's list and that code given, with the reason; otherwise the code is kept, with the reason. Each in the person's history and the audit log.",
};

/** When an action answers a declared error, where the code alone does not say it. */
const ERROR_NOTES: Record<string, Partial<Record<ErrorCode, string>>> = {
  'report.submit': {
    BAD_INPUT:
      'schema; ID checksum; phone; arrival after today or more than 60 days ago; a departure after arrival or before the previous one; an unknown town or Hechi village; a county with listed areas and no pick; a pick not on the list',
    CONFLICT: 'the account is bound to another ID number',
  },
  'risk.upload': {
    BAD_INPUT:
      'a date in the future; a file that is empty, too large, not CSV/XLSX/JSON, with wrong columns, unknown levels, rows without a province/city/area, duplicate rows, or a date other than the chosen one — every problem named by its row',
    CONFLICT: "that day's list is already published",
  },
  'risk.publish': { BAD_INPUT: 'rows not yet resolved or excluded, named', CONFLICT: 'already published, or a later list is', NOT_FOUND: 'no draft' },
  'risk.query': { BAD_INPUT: 'an unknown place; a date in the future' },
  'risk.recodeDecide': { BAD_INPUT: 'no reason', CONFLICT: 'already decided', FORBIDDEN: 'outside the jurisdiction' },
};

const ROLE_NAMES: Record<string, string> = {
  'bureau-admin': 'Bureau',
  platform: 'platform',
  'area-admin': 'area administrator',
  community: 'community',
  checkpoint: 'checkpoint',
};

/** The codes an action may answer: from who may call it and what its declaration adds. */
export function errorCodes(rule: AnyRule): ErrorCode[] {
  const codes: ErrorCode[] = ['BAD_INPUT'];
  if (rule.who !== 'public') codes.push('UNAUTHENTICATED');
  if (rule.who === 'staff') codes.push('FORBIDDEN');
  return [...codes, ...rule.errors.filter((c) => !codes.includes(c))];
}

function ruleLines(key: string, rule: AnyRule, results: Map<string, ResultType>): string[] {
  const who =
    rule.who === 'public'
      ? 'anyone, no sign-in'
      : rule.who === 'signed-in'
        ? 'any signed-in account (a resident acts for themself and their family members)'
        : `staff: \`${rule.permission}\` — ${(PERMISSIONS[rule.permission] as readonly string[]).map((r) => ROLE_NAMES[r] ?? r).join(', ')}`;
  const lines = [`**Who**: ${who}`, ''];
  if (rule.who === 'staff') {
    const scope = rule.scope;
    const where = !scope
      ? 'none beyond the role (the whole city)'
      : 'field' in scope
        ? `\`${scope.field}\` inside the caller's jurisdiction, checked before the action runs`
        : 'place' in scope
          ? `\`${scope.place}\` inside the caller's jurisdiction, checked before the action runs`
          : `${scope.loaded}, checked once the record is read`;
    lines.push(`**Jurisdiction**: ${where}`, '');
    const audit = rule.audit;
    lines.push(
      'none' in audit
        ? `**Audit**: not audited — ${audit.none}`
        : `**Audit**: \`${audit.action}\`${audit.target ? ` on \`${audit.target}\`` : ''}${audit.reason ? `, why from \`${audit.reason}\`` : ', why: the duty it serves unless the service gives one'}; refusals as \`refused:${key}\``,
      '',
    );
  }
  if (rule.idempotency) lines.push(`**Retry key**: \`${rule.idempotency}\` — the same value answers what the first call did, nothing is written twice`, '');
  const result = results.get(key);
  lines.push(`**Result**: ${result ? `\`${result.text}\`` : '—'}${RESULT_NOTES[key] || rule.note ? ` — ${[RESULT_NOTES[key], rule.note].filter(Boolean).join('; ')}` : ''}`, '');
  for (const [name, body] of result?.expanded ?? []) lines.push(`- \`${name}\` = \`${body}\``);
  if (result?.expanded.length) lines.push('');
  const notes = ERROR_NOTES[key] ?? {};
  lines.push(`**Errors**: ${errorCodes(rule).map((c) => (notes[c] ? `${c} (${notes[c]})` : c)).join(', ')}`, '');
  return lines;
}

interface ResultType {
  text: string;
  /** Named types of the result, one level, when they are small enough to read inline. */
  expanded: Array<[string, string]>;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').replace(/; }/g, ' }').replace(/\{ /g, '{ ').trim();

/**
 * Each action's result type as written in `<Fn>Outputs` of types/api/<fn>.ts, read with the
 * TypeScript compiler (parse only: the text is what a client author reads), with the named types it
 * uses expanded one level when they have at most 6 fields.
 */
export function resultTypes(): Map<string, ResultType> {
  const root = join(__dirname, '..');
  const declared = new Map<string, string>();
  const outputs = new Map<string, ts.InterfaceDeclaration>();
  const files = ['types/model.ts', ...Object.keys(API).map((fn) => `types/api/${fn}.ts`), 'types/api/common.ts'];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    for (const node of source.statements) {
      if (ts.isInterfaceDeclaration(node)) {
        if (node.name.text.endsWith('Outputs')) outputs.set(node.name.text, node);
        else if (node.members.length <= 6 && !node.heritageClauses && !node.typeParameters)
          declared.set(node.name.text, flat(`{ ${node.members.map((m) => m.getText(source).replace(/\/\*\*[\s\S]*?\*\/\s*/g, '').replace(/[;,]$/, '')).join('; ')} }`));
      } else if (ts.isTypeAliasDeclaration(node) && !node.typeParameters) {
        const text = flat(node.type.getText(source).replace(/\/\*\*[\s\S]*?\*\/\s*/g, ''));
        if (text.length <= 160) declared.set(node.name.text, text);
      }
    }
  }
  const out = new Map<string, ResultType>();
  for (const fn of Object.keys(API)) {
    const iface = outputs.get(`${fn[0]!.toUpperCase()}${fn.slice(1)}Outputs`);
    for (const member of iface?.members ?? []) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const text = flat(member.type.getText());
      const names = [...new Set(text.match(/\b[A-Z][A-Za-z]+\b/g) ?? [])].filter((n) => declared.has(n));
      out.set(`${fn}.${(member.name as ts.Identifier).text}`, { text, expanded: names.map((n) => [n, declared.get(n)!]) });
    }
  }
  return out;
}

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
    'Generated by `npm run docs:api` from `types/api/*.ts` (schemas, `*_RULES` declarations, `*Outputs` result types) — do not edit by hand.',
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
    'Unknown fields are refused. Each action says who may call it (staff: the permission of `domain/staff/permissions.ts` and its roles), the jurisdiction it is checked against, what the audit log records, its retry key, its result type (named types of `types/model.ts` expanded one level when small) and the errors it answers.',
    '',
  ];
  const results = resultTypes();
  for (const [fn, actions] of Object.entries(API)) {
    lines.push(`## \`${fn}\``, '');
    for (const [action, schema] of Object.entries(actions as Record<string, Node>)) {
      const key = `${fn}.${action}`;
      lines.push(`### \`${key}\``, '', '| field | type | required | 名称 | constraints |', '|---|---|---|---|---|');
      lines.push(...rows(schema), '');
      lines.push(...ruleLines(key, (RULES as Record<string, Record<string, AnyRule>>)[fn]![action]!, results));
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
