// Cloud function `appeal`: the thin WeChat adapter over the domain's `appeal` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('appeal');
