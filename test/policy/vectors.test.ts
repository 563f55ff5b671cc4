// The spec's golden vectors: every assignment and conversion clause, each boundary, the time zone edges.
import vectors from './vectors.json';
import { conversionStatus, evaluate, hechiPolicy, riskSnapshot, type Facts, type RiskListData } from '../../domain/policy';
import type { CodeState } from '../../domain/policy/conversion';

const riskList = riskSnapshot(vectors.riskList as RiskListData);

type Vector = { name: string; now: string; facts: Record<string, unknown>; expected: Record<string, unknown> };

describe('policy vectors: initial code (定码)', () => {
  it.each((vectors.assignment as Vector[]).map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const facts = {
      riskList,
      ...v.facts,
    } as unknown as Facts;
    const decision = evaluate(hechiPolicy, facts, new Date(v.now));
    const { nextStepDate, ...rest } = v.expected;
    expect(decision).toMatchObject(rest);
    if (nextStepDate !== undefined) expect(decision.nextStep.date ?? null).toBe(nextStepDate);
    // Every decision explains itself.
    expect(decision.policyVersion).toBe(`${hechiPolicy.id}@${hechiPolicy.version}`);
    expect(decision.reason).toContain(decision.clause === '一' ? '绿码' : decision.clause);
    expect(decision.reason).not.toMatch(/\{\w+\}/);
    expect(decision.nextStep.text).not.toMatch(/\{\w+\}/);
    if ('riskList' in v.facts) expect(decision.riskListDate).toBeNull();
    else expect(decision.riskListDate).toBe(vectors.riskList.date);
  });
});

describe('policy vectors: conversion due (转码)', () => {
  type ConversionVector = { name: string; now: string; state: CodeState; expected: Record<string, unknown> | null };
  it.each((vectors.conversion as ConversionVector[]).map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const status = conversionStatus(hechiPolicy, v.state, new Date(v.now));
    if (v.expected === null) expect(status).toBeNull();
    else expect(status).toMatchObject(v.expected);
  });
});

describe('the reason names the places that made the category', () => {
  it('cites the listed area for category A', () => {
    const d = evaluate(
      hechiPolicy,
      {
        arrival: '2022-04-13',
        itinerary: [{ townCode: '220103002', departDate: '2022-04-13', riskAreaIds: ['kc-1'], countyName: '吉林省长春市宽城区' }],
        riskList,
      },
      new Date('2022-04-16T04:00:00Z'),
    );
    expect(d.matchedPlaces).toEqual(['吉林省长春市宽城区团山街道小南街社区']);
    expect(d.reason).toContain('吉林省长春市宽城区团山街道小南街社区');
    expect(d.reason).toContain('第3天');
    expect(d.nextStep.text).toContain('2022年4月27日');
  });

  it('refuses an arrival after today instead of guessing', () => {
    expect(() =>
      evaluate(hechiPolicy, { arrival: '2022-04-17', itinerary: [], riskList: null }, new Date('2022-04-16T04:00:00Z')),
    ).toThrow(RangeError);
  });
});
