// Cloud function `risk`: the thin WeChat adapter over the domain's risk-registry actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('risk');
