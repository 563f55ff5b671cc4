// Cloud function `movement`: the thin WeChat adapter over the domain's `movement` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('movement');
