// Cloud function `code`: the thin WeChat adapter over the domain's `code` actions (see docs/api.md).
// Its own schemas and handlers only, and no division tables: none of its actions reads a place name.
import { CODE, CODE_RULES } from '../../types/api/code';
import { code } from '../../domain/api/handlers/code';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('code', CODE, code, CODE_RULES);
