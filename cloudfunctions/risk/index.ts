// Cloud function `risk`: the thin WeChat adapter over the domain's risk-registry actions (see docs/api.md).
// Its own schemas and handlers only, so the bundle carries nothing of the other functions.
import { RISK, RISK_RULES } from '../../types/api/risk';
import { risk } from '../../domain/api/handlers/risk';
import { divisions } from '../../domain/divisions';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('risk', RISK, risk, RISK_RULES, { divisions });
