// Cloud function `arrivals`: the thin WeChat adapter over the domain's `arrivals` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('arrivals');
