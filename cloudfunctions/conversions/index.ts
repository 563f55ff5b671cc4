// Cloud function `conversions`: the thin WeChat adapter over the domain's `conversions` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('conversions');
