// Cloud function `nucleic`: the thin WeChat adapter over the domain's `nucleic` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('nucleic');
