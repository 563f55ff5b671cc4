// Cloud function `family`: the thin WeChat adapter over the domain's `family` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('family');
