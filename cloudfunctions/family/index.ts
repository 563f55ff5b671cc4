// Cloud function `family`: the thin WeChat adapter over the domain's `family` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { FAMILY, FAMILY_RULES } from '../../types/api/family';
import { family } from '../../domain/api/handlers/family';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('family', FAMILY, family, FAMILY_RULES, { divisions: countyDivisions });
