// Cloud function `appealSweep`: every minute (timer trigger, config.json), appeals left unanswered
// past their 24-hour deadline are marked overdue and escalated to the Bureau (三(四)).
import { escalateOverdueAppeals } from '../../domain/services/appeal';
import { countyDivisions } from '../../domain/divisions/counties';
import { wechatJob } from '../shared/wechat';

export const main = wechatJob('appealSweep', escalateOverdueAppeals, { divisions: countyDivisions });
