// Cloud function `code`: the thin WeChat adapter over the domain's `code` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('code');
