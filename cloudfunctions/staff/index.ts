// Cloud function `staff`: the thin WeChat adapter over the domain's `staff` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { STAFF, STAFF_RULES } from '../../types/api/staff';
import { staff } from '../../domain/api/handlers/staff';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('staff', STAFF, staff, STAFF_RULES, { divisions: countyDivisions });
