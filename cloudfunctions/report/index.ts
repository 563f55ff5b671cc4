// Cloud function `report`: the thin WeChat adapter over the domain's `report` actions (see docs/api.md).
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('report');
