// Cloud function `arrivals`: the thin WeChat adapter over the domain's `arrivals` actions (see docs/api.md).
// Its own schemas and handlers only, so the bundle carries nothing of the other functions.
import { ARRIVALS, ARRIVALS_RULES } from '../../types/api/arrivals';
import { arrivals } from '../../domain/api/handlers/arrivals';
import { divisions } from '../../domain/divisions';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('arrivals', ARRIVALS, arrivals, ARRIVALS_RULES, { divisions });
