// Cloud function `division`: the thin WeChat adapter over the domain's `division` actions (see docs/api.md).
// Its own schemas and handlers only, so the bundle carries nothing of the other functions.
import { DIVISION, DIVISION_RULES } from '../../types/api/division';
import { division } from '../../domain/api/handlers/division';
import { divisions } from '../../domain/divisions';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('division', DIVISION, division, DIVISION_RULES, { divisions });
