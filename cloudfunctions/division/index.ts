// Cloud function `division`: the thin WeChat adapter over the domain's `division` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('division');
