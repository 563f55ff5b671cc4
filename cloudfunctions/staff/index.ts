// Cloud function `staff`: the thin WeChat adapter over the domain's `staff` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('staff');
