// Cloud function `checkpoint`: the thin WeChat adapter over the domain's `checkpoint` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('checkpoint');
