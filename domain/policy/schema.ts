// Checks a policy file: its shape (JSON schema) and its logic — for every category (and, in category A,
// every area level) the assignment rules cover every day from 0 on exactly once, every measure has one
// rule, every code that can be held has exactly one conversion per category, every text uses only the
// placeholders its family fills, and the file's own vectors all pass. A policy that fails is never used.
import { Type } from '@sinclair/typebox';
import Ajv from 'ajv';
import type { CodeColor, OriginCategory, RiskLevel } from '../../types/model';
import type { Policy } from './types';
import { evaluate, riskSnapshot, type Facts, type RiskListData } from './evaluate';
import { conversionStatus, type CodeState } from './conversion';

const Color = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]);
const Category = Type.Union(['A', 'B', 'C', 'none'].map((c) => Type.Literal(c)));
const DateRule = Type.Object(
  { from: Type.Union([Type.Literal('arrival'), Type.Literal('since')]), days: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
const Text = Type.String({ minLength: 1 });
const Level = Type.Union([Type.Literal('high'), Type.Literal('medium')]);
const Vector = Type.Object({ name: Text, now: Text, facts: Type.Record(Type.String(), Type.Unknown()), expected: Type.Record(Type.String(), Type.Unknown()) });
const ConversionVector = Type.Object({
  name: Text,
  now: Text,
  state: Type.Record(Type.String(), Type.Unknown()),
  expected: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const PolicySchema = Type.Object(
  {
    id: Text,
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
    title: Text,
    timezone: Type.Literal('Asia/Shanghai'),
    itineraryWindowDays: Type.Integer({ minimum: 1 }),
    monitoringDays: Type.Integer({ minimum: 1 }),
    decisions: Type.Array(Text),
    categories: Type.Object({ A: Text, B: Text, C: Text, none: Text }, { additionalProperties: false }),
    assignment: Type.Array(
      Type.Object(
        {
          clause: Text,
          category: Category,
          fromDay: Type.Integer({ minimum: 0 }),
          toDay: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
          levels: Type.Optional(Type.Array(Level, { minItems: 1 })),
          code: Color,
          movementWindow: Type.Boolean(),
          reason: Text,
          nextStep: Text,
          nextStepDate: Type.Optional(DateRule),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    measures: Type.Array(
      Type.Object(
        {
          measure: Type.Union(
            ['centralized-isolation', 'home-medical-observation', 'home-health-monitoring'].map((m) => Type.Literal(m)),
          ),
          label: Text,
          code: Color,
          clause: Text,
          reason: Text,
          nextStep: Text,
          nextStepDate: Type.Optional(DateRule),
        },
        { additionalProperties: false },
      ),
    ),
    conversions: Type.Array(
      Type.Object(
        {
          from: Color,
          to: Color,
          categories: Type.Array(Category, { minItems: 1 }),
          clause: Text,
          due: Type.Union([DateRule, Type.Null()]),
          negativeTest: Type.Boolean(),
          movementWindow: Type.Boolean(),
          reason: Text,
          nextStep: Text,
        },
        { additionalProperties: false },
      ),
    ),
    movementWindow: Type.Object(
      {
        minHours: Type.Integer({ minimum: 1 }),
        // The contract (types/api/movement.ts) takes at most 24 hours.
        maxHours: Type.Integer({ minimum: 1, maximum: 24 }),
        conditions: Type.Array(Text, { minItems: 1 }),
        onRequestFor: Type.Union([Type.Array(Text, { minItems: 1 }), Type.Null()]),
        notEligible: Text,
      },
      { additionalProperties: false },
    ),
    appeal: Type.Object(
      { clause: Text, reason: Text, nextStep: Type.Object({ red: Text, yellow: Text, green: Text }, { additionalProperties: false }) },
      { additionalProperties: false },
    ),
    zoneLevels: Type.Object({ high: Level, medium: Level, sealed: Level, controlled: Level }, { additionalProperties: false }),
    limits: Type.Object({ reportAgeDays: Type.Integer({ minimum: 1, maximum: 366 }) }, { additionalProperties: false }),
    vectors: Type.Object(
      {
        riskList: Type.Object({ date: Text, areas: Type.Array(Type.Unknown()), confirmedCityCodes: Type.Array(Type.String()) }),
        assignment: Type.Array(Vector, { minItems: 1 }),
        conversion: Type.Array(ConversionVector, { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const CATEGORIES: OriginCategory[] = ['A', 'B', 'C', 'none'];
export const MEASURES = ['centralized-isolation', 'home-medical-observation', 'home-health-monitoring'] as const;
const STRICTNESS: Record<CodeColor, number> = { green: 0, yellow: 1, red: 2 };

/** Returns the problems found; an empty list means the policy is usable. */
export function checkPolicy(candidate: unknown): string[] {
  const ajv = new Ajv({ allErrors: true });
  if (!ajv.validate(PolicySchema, candidate)) {
    return (ajv.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message}`);
  }
  const policy = candidate as Policy;
  const problems: string[] = [];

  for (const rule of policy.assignment) {
    if (rule.levels && rule.category !== 'A') problems.push(`${rule.clause}: levels apply to category A only`);
  }
  for (const category of CATEGORIES) {
    // Category A is covered per area level when any of its rules names levels.
    const split = category === 'A' && policy.assignment.some((r) => r.category === 'A' && r.levels);
    const levels: Array<RiskLevel | null> = split ? ['high', 'medium'] : [null];
    for (const level of levels) {
      const label = level ? `category ${category} (${level})` : `category ${category}`;
      const covering = policy.assignment
        .filter((r) => r.category === category && (!level || !r.levels || r.levels.includes(level)))
        .sort((a, b) => a.fromDay - b.fromDay);
      let next = 0;
      for (const rule of covering) {
        if (rule.toDay !== null && rule.toDay < rule.fromDay) problems.push(`${rule.clause}: toDay before fromDay`);
        if (rule.fromDay > next) problems.push(`${label}: days ${next}–${rule.fromDay - 1} not covered`);
        if (rule.fromDay < next) problems.push(`${label}: ${rule.clause} overlaps from day ${rule.fromDay}`);
        if (next === Infinity) break;
        next = rule.toDay === null ? Infinity : rule.toDay + 1;
      }
      if (next !== Infinity) problems.push(`${label}: days from ${next} on not covered`);
    }
    const rules = policy.assignment.filter((r) => r.category === category);
    for (const rule of rules) {
      if (rule.movementWindow && rule.code !== 'yellow') problems.push(`${rule.clause}: movement window on a ${rule.code} code`);
      if (/\{date\}/.test(rule.nextStep) !== Boolean(rule.nextStepDate)) {
        problems.push(`${rule.clause}: {date} in nextStep and nextStepDate must go together`);
      }
    }
  }

  for (const measure of MEASURES) {
    const n = policy.measures.filter((m) => m.measure === measure).length;
    if (n !== 1) problems.push(`measure ${measure}: ${n} rules, expected 1`);
  }

  // Every non-green code that any rule can give must have exactly one way out per category.
  const held = new Set<CodeColor>([...policy.assignment.map((r) => r.code), ...policy.measures.map((m) => m.code)]);
  for (const from of held) {
    if (from === 'green') continue;
    for (const category of CATEGORIES) {
      const n = policy.conversions.filter((c) => c.from === from && c.categories.includes(category)).length;
      if (n !== 1) problems.push(`conversion from ${from} for category ${category}: ${n} rules, expected 1`);
    }
  }
  for (const c of policy.conversions) {
    if (STRICTNESS[c.to] >= STRICTNESS[c.from]) problems.push(`${c.clause}: conversion ${c.from}→${c.to} is not a relaxation`);
    if (c.movementWindow && c.to !== 'yellow') problems.push(`${c.clause}: movement window on a ${c.to} code`);
  }
  for (const m of policy.measures) {
    if (/\{date\}/.test(m.nextStep) !== Boolean(m.nextStepDate)) problems.push(`measure ${m.measure}: {date} in nextStep and nextStepDate must go together`);
  }
  if (policy.movementWindow.minHours > policy.movementWindow.maxHours) problems.push('movementWindow: minHours after maxHours');
  problems.push(...placeholderProblems(policy));
  if (problems.length) return problems;
  // Only a policy that is whole can run its vectors.
  return runVectors(policy);
}

/** Every text family and the placeholders the code fills in it: any other {name} would show as is. */
function placeholderProblems(policy: Policy): string[] {
  const texts: Array<[where: string, text: string, allowed: string[]]> = [
    ...policy.assignment.flatMap((r) => [
      [`${r.clause} reason`, r.reason, ['places', 'days', 'date']] as [string, string, string[]],
      [`${r.clause} nextStep`, r.nextStep, ['places', 'days', 'date']] as [string, string, string[]],
    ]),
    ...policy.measures.flatMap((m) => [
      [`measure ${m.measure} reason`, m.reason, ['places', 'days', 'date']] as [string, string, string[]],
      [`measure ${m.measure} nextStep`, m.nextStep, ['places', 'days', 'date']] as [string, string, string[]],
    ]),
    ...policy.conversions.flatMap((c) => [
      [`conversion ${c.clause} ${c.from}→${c.to} reason`, c.reason, ['clause', 'from', 'early']] as [string, string, string[]],
      [`conversion ${c.clause} ${c.from}→${c.to} nextStep`, c.nextStep, c.to === 'green' ? [] : ['date']] as [string, string, string[]],
    ]),
    ['appeal reason', policy.appeal.reason, ['code', 'reason']],
    ...(['red', 'yellow', 'green'] as const).map((c) => [`appeal nextStep ${c}`, policy.appeal.nextStep[c], []] as [string, string, string[]]),
    ['movementWindow notEligible', policy.movementWindow.notEligible, []],
    ...policy.movementWindow.conditions.map((t, i) => [`movementWindow condition ${i + 1}`, t, []] as [string, string, string[]]),
  ];
  const problems: string[] = [];
  for (const [where, text, allowed] of texts) {
    for (const [, name] of text.matchAll(/\{(\w*)\}/g)) {
      if (!allowed.includes(name!)) problems.push(`${where}: unknown placeholder {${name}}${allowed.length ? ` (allowed: ${allowed.map((a) => `{${a}}`).join(' ')})` : ''}`);
    }
  }
  return problems;
}

/** Runs the policy's own vectors; each failure is a problem naming the vector and the field. */
export function runVectors(policy: Policy): string[] {
  const problems: string[] = [];
  let riskList;
  try {
    riskList = riskSnapshot(policy.vectors.riskList as RiskListData);
  } catch (e) {
    return [`vectors: risk list unusable (${(e as Error).message})`];
  }
  for (const v of policy.vectors.assignment) {
    try {
      const d = evaluate(policy, { riskList, ...v.facts } as unknown as Facts, new Date(v.now));
      for (const [key, want] of Object.entries(v.expected)) {
        const got = key === 'nextStepDate' ? (d.nextStep.date ?? null) : (d as unknown as Record<string, unknown>)[key];
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`vector "${v.name}": ${key} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    } catch (e) {
      problems.push(`vector "${v.name}": ${(e as Error).message}`);
    }
  }
  for (const v of policy.vectors.conversion) {
    try {
      const s = conversionStatus(policy, v.state as unknown as CodeState, new Date(v.now));
      if (v.expected === null) {
        if (s !== null) problems.push(`vector "${v.name}": a conversion where none was expected`);
        continue;
      }
      for (const [key, want] of Object.entries(v.expected)) {
        const got = s ? (s as unknown as Record<string, unknown>)[key] : undefined;
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`vector "${v.name}": ${key} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    } catch (e) {
      problems.push(`vector "${v.name}": ${(e as Error).message}`);
    }
  }
  return problems;
}

export function loadPolicy(candidate: unknown): Policy {
  const problems = checkPolicy(candidate);
  if (problems.length) throw new Error(`invalid policy:\n${problems.join('\n')}`);
  return candidate as Policy;
}

export function stricter(a: CodeColor, b: CodeColor): CodeColor {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

export function isStricter(a: CodeColor, than: CodeColor): boolean {
  return STRICTNESS[a] > STRICTNESS[than];
}
