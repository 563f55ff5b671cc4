// Cloud function `dashboard`: the thin WeChat adapter over the domain's `dashboard` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { DASHBOARD, DASHBOARD_RULES } from '../../types/api/dashboard';
import { dashboard } from '../../domain/api/handlers/dashboard';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('dashboard', DASHBOARD, dashboard, DASHBOARD_RULES, { divisions: countyDivisions });
