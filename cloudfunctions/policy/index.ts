// Cloud function `policy`: the thin WeChat adapter over the domain's policy-version actions (see docs/api.md).
// Its own schemas and handlers only; the division tables name places in the estimate's evaluations.
import { POLICY, POLICY_RULES } from '../../types/api/policy';
import { policy } from '../../domain/api/handlers/policy';
import { divisions } from '../../domain/divisions';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('policy', POLICY, policy, POLICY_RULES, { divisions });
