// Cloud function `report`: the thin WeChat adapter over the domain's `report` actions (see docs/api.md).
// Its own schemas and handlers only, so the bundle carries nothing of the other functions.
import { REPORT, REPORT_RULES } from '../../types/api/report';
import { report } from '../../domain/api/handlers/report';
import { divisions } from '../../domain/divisions';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('report', REPORT, report, REPORT_RULES, { divisions });
