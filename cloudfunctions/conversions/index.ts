// Cloud function `conversions`: the thin WeChat adapter over the domain's `conversions` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { CONVERSIONS, CONVERSIONS_RULES } from '../../types/api/conversions';
import { conversions } from '../../domain/api/handlers/conversions';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('conversions', CONVERSIONS, conversions, CONVERSIONS_RULES, { divisions: countyDivisions });
