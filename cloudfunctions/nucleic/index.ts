// Cloud function `nucleic`: the thin WeChat adapter over the domain's `nucleic` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { NUCLEIC, NUCLEIC_RULES } from '../../types/api/nucleic';
import { nucleic } from '../../domain/api/handlers/nucleic';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('nucleic', NUCLEIC, nucleic, NUCLEIC_RULES, { divisions: countyDivisions });
