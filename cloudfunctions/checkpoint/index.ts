// Cloud function `checkpoint`: the thin WeChat adapter over the domain's `checkpoint` actions (see docs/api.md).
// Its own schemas and handlers only, so the bundle carries nothing of the other functions.
import { CHECKPOINT, CHECKPOINT_RULES } from '../../types/api/checkpoint';
import { checkpoint } from '../../domain/api/handlers/checkpoint';
import { divisions } from '../../domain/divisions';
import { wechatFunction } from '../shared/wechat';

export const main = wechatFunction('checkpoint', CHECKPOINT, checkpoint, CHECKPOINT_RULES, { divisions });
