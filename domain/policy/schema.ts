// Checks a policy file: its shape (JSON schema) and its logic — for every category the assignment
// rules cover every day from 0 on exactly once, every measure has one rule, and every code that can
// be held has exactly one conversion per category. A policy that fails is never used.
import { Type } from '@sinclair/typebox';
import Ajv from 'ajv';
import type { CodeColor, OriginCategory } from '../../types/model';
import type { Policy } from './types';

const Color = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]);
const Category = Type.Union(['A', 'B', 'C', 'none'].map((c) => Type.Literal(c)));
const DateRule = Type.Object(
  { from: Type.Union([Type.Literal('arrival'), Type.Literal('since')]), days: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
const Text = Type.String({ minLength: 1 });

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
        },
        { additionalProperties: false },
      ),
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

  for (const category of CATEGORIES) {
    const rules = policy.assignment
      .filter((r) => r.category === category)
      .sort((a, b) => a.fromDay - b.fromDay);
    let next = 0;
    for (const rule of rules) {
      if (rule.toDay !== null && rule.toDay < rule.fromDay) problems.push(`${rule.clause}: toDay before fromDay`);
      if (rule.fromDay > next) problems.push(`category ${category}: days ${next}–${rule.fromDay - 1} not covered`);
      if (rule.fromDay < next) problems.push(`category ${category}: ${rule.clause} overlaps from day ${rule.fromDay}`);
      if (next === Infinity) break;
      next = rule.toDay === null ? Infinity : rule.toDay + 1;
    }
    if (next !== Infinity) problems.push(`category ${category}: days from ${next} on not covered`);
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
