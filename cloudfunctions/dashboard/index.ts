// Cloud function `dashboard`: the thin WeChat adapter over the domain's `dashboard` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('dashboard');
