// Cloud function `account`: the thin WeChat adapter over the domain's `account` actions (see docs/api.md).
// Its own schemas and handlers only, and the county-level divisions: it names no town outside Hechi.
import { ACCOUNT, ACCOUNT_RULES } from '../../types/api/account';
import { account } from '../../domain/api/handlers/account';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('account', ACCOUNT, account, ACCOUNT_RULES, { divisions: countyDivisions });
