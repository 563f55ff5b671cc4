// Cloud function `movement`: the thin WeChat adapter over the domain's `movement` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { MOVEMENT, MOVEMENT_RULES } from '../../types/api/movement';
import { movement } from '../../domain/api/handlers/movement';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('movement', MOVEMENT, movement, MOVEMENT_RULES, { divisions: countyDivisions });
