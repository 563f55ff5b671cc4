// Cloud function `appeal`: the thin WeChat adapter over the domain's `appeal` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { APPEAL, APPEAL_RULES } from '../../types/api/appeal';
import { appeal } from '../../domain/api/handlers/appeal';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('appeal', APPEAL, appeal, APPEAL_RULES, { divisions: countyDivisions });
