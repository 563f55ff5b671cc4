// Cloud function `account`: the thin WeChat adapter over the domain's `account` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('account');
